package network.mmc.jobs.rewards;

import java.time.Clock;
import java.util.Optional;
import network.mmc.jobs.database.NamedLocks;
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
    private final NamedLocks locks;

    ExportService(JobOperator jobOperator, Job exportJob, Distributions distributions, Clock clock, NamedLocks locks) {
        this.jobOperator = jobOperator;
        this.exportJob = exportJob;
        this.distributions = distributions;
        this.clock = clock;
        this.locks = locks;
    }

    /**
     * The version exported (now CONFIRMED), or empty when no request was waiting; throws when publishing failed.
     * One export at a time across every Hub process: a second one is refused at once (the scheduled export and
     * {@code export --now} may meet).
     */
    public Optional<Distribution> export() {
        return locks.whileHolding("mmc-export", () -> "another export is running right now; try again when it ended",
                this::exportHoldingTheLock);
    }

    private Optional<Distribution> exportHoldingTheLock() {
        JobExecution execution;
        try {
            execution = jobOperator.start(exportJob, new JobParametersBuilder()
                    .addString("requestedAt", clock.instant().toString()).toJobParameters());
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
