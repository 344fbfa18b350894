package network.mmc.jobs.staking;

import network.mmc.jobs.batch.JobRunLog;
import network.mmc.jobs.errors.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The scheduled staking work ({@code mmc.scheduler.staking-cron}): sync the vault, then pay back the unstakes whose
 * cool-down ended. A failed sync does not keep due unstakes waiting; each part's failure is reported once both ran.
 */
@Component
public class StakingRound {

    private static final Logger log = LoggerFactory.getLogger(StakingRound.class);

    private final VaultSync sync;
    private final UnstakePayouts payouts;

    StakingRound(VaultSync sync, UnstakePayouts payouts) {
        this.sync = sync;
        this.payouts = payouts;
    }

    public void run() {
        RuntimeException failed = null;
        try {
            VaultSyncResult result = sync.sync();
            if (result.read() > 0) {
                log.info("stake vault synced: {} transactions, {} credited, {} reported, {} ignored", result.read(),
                        result.credited(), result.reported(), result.ignored());
            }
        } catch (ConflictException busy) {
            // an on-demand sync runs right now: it reads the same transactions
        } catch (RuntimeException e) {
            failed = e;
        }
        try {
            payouts.payDue().stream().filter(unstake -> !unstake.paid()).forEach(unstake -> log.warn(
                    "unstake #{} is due and not yet paid: {}", unstake.id(), unstake.lastError()));
        } catch (ConflictException busy) {
            // another instance pays them right now
        } catch (RuntimeException e) {
            if (failed == null) {
                failed = e;
            } else {
                failed.addSuppressed(e);
            }
        }
        if (failed != null) {
            throw new IllegalStateException("staking: " + JobRunLog.oneLine(failed), failed);
        }
    }
}
