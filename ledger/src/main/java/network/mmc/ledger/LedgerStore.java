package network.mmc.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The append-only ledger. Locking contract: the runs of one window are written one at a time by the caller (the
 * settlement holds the window's lock, across Hub instances), so nothing is posted to a window between
 * {@link #postedBefore} and {@link #append} of the same run; reads of a wallet see what is committed.
 */
public interface LedgerStore {

    /** Per wallet, the sum of the window's lines of revisions before {@code revision}; wallets with none are absent. */
    Map<String, Long> postedBefore(Instant windowStart, int revision);

    /** Appends a run's lines in the caller's unit of work: they are stored with the run, or not at all. */
    void append(PostedRun run, List<LedgerEntry> entries);

    /** Σ of the wallet's lines, 0 when it has none. */
    long settled(String wallet);

    /** Whether any line was ever posted to the wallet. */
    boolean hasEntries(String wallet);
}
