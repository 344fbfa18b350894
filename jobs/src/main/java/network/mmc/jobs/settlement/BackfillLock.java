package network.mmc.jobs.settlement;

import java.util.function.Supplier;
import network.mmc.jobs.database.NamedLocks;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.settlement.SettlementWindow;
import org.springframework.stereotype.Component;

/**
 * Keeps a backfill and settlement apart, across every Hub process: while a backfill checks and stores its records
 * it holds this lock and no run starts; a backfill refuses a window whose run is in progress. Either side checks
 * the other's lock only after taking its own, so a window is never settled without records a backfill was storing
 * into it.
 */
@Component
public class BackfillLock {

    private static final String NAME = "mmc-call-backfill";

    private final NamedLocks locks;

    BackfillLock(NamedLocks locks) {
        this.locks = locks;
    }

    /** Runs {@code work} holding the lock; refuses at once when another backfill holds it. */
    public <T> T whileHolding(Supplier<T> work) {
        return locks.whileHolding(NAME, () -> "another backfill import is storing records right now", work);
    }

    /** Whether a settlement run of {@code window} is in progress (it holds the window's lock). */
    public boolean isBeingSettled(SettlementWindow window) {
        return !locks.isFree(WindowLocks.lockName(window));
    }

    /** Whether a backfill import is storing records right now (a snapshot: one may start the next moment). */
    public boolean isImporting() {
        return !locks.isFree(NAME);
    }

    /** For a settlement run or an archive of the window, under the window's lock. */
    public void refuseWhileHeld(SettlementWindow window) {
        if (isImporting()) {
            throw new ConflictException("window " + window + " is not settled while a backfill import"
                    + " (import-calls --backfill) is storing records; settle it once the import ends");
        }
    }
}
