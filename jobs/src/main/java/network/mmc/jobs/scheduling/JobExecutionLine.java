package network.mmc.jobs.scheduling;

import java.time.Duration;
import java.time.Instant;
import org.springframework.batch.core.BatchStatus;

/**
 * One Spring Batch execution: job, identifying parameters, status, the Hub instance that runs or ran it (host:pid,
 * null while not recorded), start, duration, read and write counts.
 */
public record JobExecutionLine(long id, String job, String parameters, String status, String instance, Instant start,
                               Duration duration, long reads, long writes, String exitMessage) {

    /** STARTING, STARTED or STOPPING: what a stop applies to. */
    public boolean running() {
        return BatchStatus.valueOf(status).isRunning();
    }

    /** FAILED or STOPPED: what a restart may resume ({@link JobExecutions#restart} checks the rest). */
    public boolean resumable() {
        return "FAILED".equals(status) || "STOPPED".equals(status);
    }
}
