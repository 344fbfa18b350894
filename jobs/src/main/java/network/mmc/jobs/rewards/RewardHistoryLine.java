package network.mmc.jobs.rewards;

import java.time.Instant;

/** One node's reward to the wallet in one settlement run. */
public record RewardHistoryLine(Instant windowStart, int revision, String nodeId, long amount) {
}
