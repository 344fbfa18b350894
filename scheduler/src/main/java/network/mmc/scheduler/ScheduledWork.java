package network.mmc.scheduler;

import java.time.Instant;
import java.util.List;

/** What the triggers start; the application implements it by launching its Spring Batch jobs. */
public interface ScheduledWork {

    /** Settles every due, unsettled window, oldest first, each once. */
    void settleDueWindows();

    /** One probe round of {@code validatorId}; the same scheduled fire time names the same round. */
    void probeRound(String validatorId, Instant scheduledFireTime);

    /** Publishes waiting withdrawals as the next distribution (or retries the unconfirmed one). */
    void exportDistributions();

    /** Syncs the stake vault, then pays back the unstakes whose cool-down ended. */
    void stakingRound();
    /** Archives the call records of settled windows older than the retention age, and removes them. */
    void archiveCallRecords();

    /** The validator identities that get a probe trigger each. */
    List<String> validators();
}
