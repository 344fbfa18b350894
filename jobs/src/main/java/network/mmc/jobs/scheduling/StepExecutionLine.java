package network.mmc.jobs.scheduling;

import java.time.Duration;
import java.time.Instant;

/**
 * One step (or partition) of a job execution: the Hub instance that runs or ran it (a remote partition's worker; null
 * while no one has taken it), its counts, when it started, how long it ran and how it ended.
 */
public record StepExecutionLine(String step, String status, String instance, Instant start, Duration duration,
                                long reads, long writes, long commits, long rollbacks, long skips, String exitMessage) {
}
