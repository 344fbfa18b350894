package network.mmc.probe;

import java.time.Instant;

/** One probe: when it was sent, how it ended, how long the node took, its reported GFLOPS, why it failed. */
public record ProbeOutcome(ProbeTarget target, ProbeStatus status, Instant calledAt, long latencyMillis,
                           Double gflops, String detail) {
}
