package network.mmc.jobs.scheduling;

import java.time.Duration;
import java.time.Instant;

/** One Spring Batch execution: job, identifying parameters, status, start, duration, read and write counts. */
public record JobExecutionLine(long id, String job, String parameters, String status, Instant start, Duration duration,
                               long reads, long writes, String exitMessage) {
}
