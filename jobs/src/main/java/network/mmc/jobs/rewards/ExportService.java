package network.mmc.jobs.rewards;

import java.time.Clock;
import java.util.Optional;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.stereotype.Service;

/** Runs {@code exportJob}: pending requests become a published, confirmed distribution version. */
@Service
public class ExportService {

    private final JobOperator jobOperator;
    private final Job exportJob;
    private final Distributions distributions;
    private final Clock clock;

    ExportService(JobOperator jobOperator, Job exportJob, Distributions distributions, Clock clock) {
        this.jobOperator = jobOperator;
        this.exportJob = exportJob;
        this.distributions = distributions;
        this.clock = clock;
    }

    /** The version exported (now CONFIRMED), or empty when no request was waiting; throws when publishing failed. */
    public Optional<Distribution> export() {
        JobExecution execution;
        try {
            execution = jobOperator.start(exportJob, new JobParametersBuilder()
                    .addString("requestedAt", clock.instant().toString() + "#" + System.nanoTime()).toJobParameters());
        } catch (Exception e) {
            throw new IllegalStateException("the export could not start: " + e.getMessage(), e);
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            // JobRunLog made the exit message one line; the trace is in the log
            throw new IllegalStateException("export ended " + execution.getStatus() + " (execution " + execution.getId()
                    + "): " + execution.getExitStatus().getExitDescription());
        }
        if (!execution.getExecutionContext().containsKey(ExportJobConfiguration.VERSION_KEY)) {
            return Optional.empty();
        }
        return distributions.version(execution.getExecutionContext().getLong(ExportJobConfiguration.VERSION_KEY));
    }
}
