package network.mmc.jobs.settlement;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * A worker's answer to one partition request: runs the aggregation step on the partition (Spring Batch's
 * {@link StepExecutionRequestHandler}; the job's process sees the outcome in the job repository). A request for
 * anything but a partition that is waiting or running in a running job is dropped with a log line: one left in the
 * queue by a worker that was killed, whose job has failed or been restarted since, or one for another step.
 */
final class PartitionWorker {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);

    private final JobRepository jobRepository;
    private final StepExecutionRequestHandler handler;

    PartitionWorker(JobRepository jobRepository, Step aggregatePartitionStep) {
        this.jobRepository = jobRepository;
        this.handler = new StepExecutionRequestHandler();
        handler.setJobRepository(jobRepository);
        handler.setStepLocator(name -> name.equals(aggregatePartitionStep.getName()) ? aggregatePartitionStep : null);
    }

    void run(StepExecutionRequest request) {
        StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
        String refusal = refusal(request, partition);
        if (refusal != null) {
            log.warn("partition request {} dropped: {}", request, refusal);
            return;
        }
        long started = System.nanoTime();
        StepExecution done = handler.handle(request);
        if (done.getStatus() != BatchStatus.COMPLETED) {
            // the handler leaves recording a failure that escaped the step to its caller
            try {
                jobRepository.update(done);
            } catch (OptimisticLockingFailureException e) {
                // the job's process gave up on the partition first (its timeout) and recorded that
            }
        }
        log.info("{} of settlement execution {} {}: {} call records in {} ms", partitionName(done),
                done.getJobExecutionId(), done.getStatus(), done.getReadCount(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private static String refusal(StepExecutionRequest request, StepExecution partition) {
        if (!SettlementJobConfiguration.PARTITION_STEP.equals(request.getStepName())) {
            return "this worker runs " + SettlementJobConfiguration.PARTITION_STEP + " only";
        }
        if (partition == null) {
            return "no such step execution";
        }
        if (!partition.getStepName().startsWith(SettlementJobConfiguration.PARTITION_STEP + ":")) {
            return "step execution " + partition.getId() + " is " + partition.getStepName() + ", not a partition";
        }
        if (!partition.getJobExecution().isRunning()) {
            return "its settlement execution " + partition.getJobExecutionId() + " has ended "
                    + partition.getJobExecution().getStatus();
        }
        if (!partition.getStatus().isRunning()) {
            return "the partition is " + partition.getStatus();
        }
        return null;
    }

    static String partitionName(StepExecution step) {
        String name = step.getStepName();
        return name.substring(name.indexOf(':') + 1);
    }
}
