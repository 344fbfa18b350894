package network.mmc.jobs.settlement;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.integration.core.MessagingTemplate;

/**
 * Remote mode: sends each partition of the window to the workers through the broker and polls the job repository
 * until every partition is finished (Spring Batch's {@link MessageChannelPartitionHandler}). Fails the step, saying
 * what to do, when no worker listens on the queue or the partitions are not all finished within the timeout; the
 * unfinished partitions are then marked FAILED, so that settling the window again restarts them and a worker still
 * holding one can no longer record it.
 */
final class RemotePartitionHandler extends MessageChannelPartitionHandler {

    private final JobRepository jobRepository;
    private final AmqpAdmin broker;
    private final String brokerAddress;
    private final RemoteSettlementSettings remote;

    RemotePartitionHandler(MessagingTemplate requests, JobRepository jobRepository, AmqpAdmin broker,
                           String brokerAddress, RemoteSettlementSettings remote, int gridSize) {
        this.jobRepository = jobRepository;
        this.broker = broker;
        this.brokerAddress = brokerAddress;
        this.remote = remote;
        setMessagingOperations(requests);
        // with a job repository and no reply channel, the handler polls the repository: workers need not answer
        setJobRepository(jobRepository);
        setStepName(SettlementJobConfiguration.PARTITION_STEP);
        setPollInterval(remote.pollInterval().toMillis());
        setTimeout(remote.timeout().toMillis());
        setGridSize(gridSize);
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return partitions;
        }
        String noWorker = workersMissing();
        if (noWorker != null) {
            throw failed(manager, partitions, noWorker + "; start `./mmc-hub worker` with this Hub's database and"
                    + " broker settings, then settle the window again");
        }
        try {
            return super.doHandle(manager, partitions);
        } catch (TimeoutException e) {
            throw failed(manager, partitions, "not finished by a worker within " + remote.timeout()
                    + " (mmc.settlement.remote.timeout); check the `./mmc-hub worker` processes and RabbitMQ at "
                    + brokerAddress + ", then settle the window again to restart them");
        }
    }

    /** Why no worker can take the partitions now, or null when one listens on the queue. */
    private String workersMissing() {
        try {
            QueueInformation queue = broker.getQueueInfo(remote.queue());
            return queue != null && queue.getConsumerCount() > 0 ? null
                    : "no worker listens on queue '" + remote.queue() + "' at RabbitMQ " + brokerAddress;
        } catch (AmqpException e) {
            return "RabbitMQ at " + brokerAddress + " does not answer (" + rootMessage(e) + ")";
        }
    }

    /** Marks the partitions that are not finished FAILED and says which they were and why. */
    private IllegalStateException failed(StepExecution manager, Set<StepExecution> partitions, String why) {
        Set<Long> ids = partitions.stream().map(StepExecution::getId).collect(Collectors.toSet());
        JobExecution job = jobRepository.getJobExecution(manager.getJobExecutionId());
        List<StepExecution> unfinished = job.getStepExecutions().stream()
                .filter(step -> ids.contains(step.getId()) && step.getStatus().isRunning()).toList();
        String which = unfinished.stream().sorted(Comparator.comparing(StepExecution::getStepName))
                .map(step -> partitionName(step) + " " + step.getStatus()
                        + (step.getStatus() == BatchStatus.STARTING ? " (no worker took it)" : " (its worker stopped or is stuck)"))
                .collect(Collectors.joining(", "));
        for (StepExecution step : unfinished) {
            step.setStatus(BatchStatus.FAILED);
            step.setExitStatus(ExitStatus.FAILED.addExitDescription("remote settlement: " + why));
            step.setEndTime(LocalDateTime.now());
            try {
                jobRepository.update(step);
            } catch (OptimisticLockingFailureException e) {
                // its worker recorded it just now: its own status stands, and a restart reads that
            }
        }
        return new IllegalStateException("remote settlement: " + unfinished.size() + " of " + partitions.size()
                + " partitions " + why + (which.isEmpty() ? "" : "; unfinished: " + which));
    }

    private static String partitionName(StepExecution step) {
        String name = step.getStepName();
        return name.substring(name.indexOf(':') + 1);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
