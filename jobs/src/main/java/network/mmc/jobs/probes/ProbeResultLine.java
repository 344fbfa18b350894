package network.mmc.jobs.probes;

import java.time.Instant;

/** One stored probe result of a round. */
public record ProbeResultLine(String nodeId, String status, Instant calledAt, int latencyMillis, Double gflops,
                              String detail) {
}
