package network.mmc.ledger;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * Settlement runs, as far as the money rules need them. Locking contract: the runs of one window are written one at
 * a time (the settlement holds the window's lock, across Hub instances), so the latest completed revision read under
 * that lock stays the latest until the caller's run completes.
 */
public interface RunStore {

    /** The highest revision of the window that completed; empty when none did. */
    OptionalInt latestCompletedRevision(Instant windowStart);
}
