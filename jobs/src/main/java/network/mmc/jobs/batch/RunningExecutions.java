package network.mmc.jobs.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * The running executions of a job, after recovering those a killed process of this host left STARTED
 * ({@link RunOwnerListener}), so that they can be restarted instead of blocking their instance forever.
 */
@Component
public class RunningExecutions {

    private final JobRepository jobRepository;
    private final JobOperator jobOperator;

    RunningExecutions(JobRepository jobRepository, JobOperator jobOperator) {
        this.jobRepository = jobRepository;
        this.jobOperator = jobOperator;
    }

    /** Recovers the abandoned executions of {@code jobName} whose parameters match; returns the live ones. */
    public List<JobExecution> recoverAbandoned(String jobName, Predicate<JobParameters> matching) {
        List<JobExecution> live = new ArrayList<>();
        for (JobExecution running : jobRepository.findRunningJobExecutions(jobName)) {
            if (!matching.test(running.getJobParameters())) {
                continue;
            }
            if (RunOwnerListener.isAbandoned(running)) {
                jobOperator.recover(running);
            } else {
                live.add(running);
            }
        }
        return live;
    }
}
