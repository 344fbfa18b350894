package network.mmc.ledger;

import java.time.Instant;

/** The run whose ledger lines are posted: its id in the run store, window, revision, and when it was written. */
public record PostedRun(long runId, Instant windowStart, int revision, Instant postedAt) {
}
