package network.mmc.jobs.rewards;

import java.time.Instant;
import java.util.List;

/**
 * One settled window of a wallet's history, at the window's latest revision: {@code amount} is the window's net
 * reward (Σ of its ledger entries, so the history sums to the settled balance), {@code entries} the ledger entries
 * that make it up (the ACCRUAL, then each re-run's CORRECTION), and {@code nodes} the wallet's nodes paid in the
 * latest revision.
 */
public record RewardHistoryLine(Instant windowStart, int revision, long amount, List<Entry> entries,
                                List<NodeReward> nodes) {

    /** A ledger entry of the window: ACCRUAL (revision 1) or CORRECTION (new − previous, of a re-run). */
    public record Entry(int revision, String kind, long amount) {
    }

    /** One of the wallet's nodes and its reward in the window's latest revision. */
    public record NodeReward(String nodeId, long amount) {
    }
}
