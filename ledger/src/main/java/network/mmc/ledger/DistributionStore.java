package network.mmc.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Distribution versions and the withdrawal requests they hold. Locking contract: {@link #createNext} holds the
 * requests waiting when it starts until it has tied them to the new version, so that a request accepted meanwhile is
 * either in that version, whole, or left waiting for the next; two calls at once, from any Hub instances, never make
 * the same version nor take the same request. Whether a version may be made while another is pending is the
 * caller's rule ({@link DistributionPlanner#decide}).
 */
public interface DistributionStore {

    /** What the next version is, from the state the store read under its locks (see {@link DistributionPlanner#next}). */
    @FunctionalInterface
    interface Planner {
        Optional<PlannedDistribution> plan(long latestVersion, Map<String, Long> cumulativeBefore,
                                           List<WaitingRequest> waiting);
    }

    /** The version made but not yet confirmed on chain, if any. */
    OptionalLong pendingVersion();

    /** Plans the next version over the waiting requests and stores it as pending, tied to them; empty when none waits. */
    Optional<PlannedDistribution> createNext(Planner planner);

    /**
     * The version is on chain: confirmed, with the transaction that published it, and its requests synced.
     *
     * @param signature the publishing transaction's signature
     * @param slot      the slot it landed in
     */
    void confirm(long version, String signature, long slot, Instant confirmedAt);

    /** Per wallet, the cumulative amount of a version. */
    Map<String, Long> cumulative(long version);
}
