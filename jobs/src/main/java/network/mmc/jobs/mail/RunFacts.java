package network.mmc.jobs.mail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import network.mmc.settlement.MmcText;

/**
 * What a run summary reports of one settlement run.
 *
 * @param lateCalls        records counted in the window whose call time lies in another window (null: not counted)
 * @param ineligibleNodes  nodes with calls but no reward weight (no owner, suspended)
 * @param selfDealingNodes nodes some of whose credits were their owner's own calls, left out
 */
record RunFacts(long runId, Instant windowStart, Instant windowEnd, int revision, String status, long calls,
                long pool, long allocated, long unallocated, int nodes, Long lateCalls, int ineligibleNodes,
                int selfDealingNodes, String reason, String operator) {

    /** What ops should look at, each in one line; empty when nothing stands out. */
    List<String> anomalies() {
        List<String> anomalies = new ArrayList<>();
        if (lateCalls != null && lateCalls > 0) {
            anomalies.add(lateCalls + " call record(s) counted here were made in another window (received late)");
        }
        if (ineligibleNodes > 0) {
            anomalies.add(ineligibleNodes + " node(s) with calls earned nothing (no owner wallet, or suspended)");
        }
        if (selfDealingNodes > 0) {
            anomalies.add(selfDealingNodes + " node(s) had self-dealt calls (their owner's own), left out of credits");
        }
        if (unallocated > 0) {
            anomalies.add(MmcText.format(unallocated) + " MMC of the pool were not allocated");
        }
        if (revision > 1) {
            anomalies.add("re-run (revision " + revision + ") by " + operator + ": " + reason);
        }
        return anomalies;
    }
}
