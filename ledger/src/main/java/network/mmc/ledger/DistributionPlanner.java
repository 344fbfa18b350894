package network.mmc.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an export publishes (SETTLEMENT.md §8). A version that failed to publish stays pending and is published
 * again, unchanged, before any new version is made: its root may already be on chain, and the requests it holds
 * are paid through it. New requests wait for the version after it.
 */
public final class DistributionPlanner {

    /** What one export does. */
    public enum Action {
        /** no pending version and no waiting request */
        NOTHING,
        /** publish the pending version again */
        PUBLISH_PENDING,
        /** make version v+1 from the waiting requests, then publish it */
        CREATE_NEXT
    }

    private DistributionPlanner() {
    }

    public static Action decide(boolean versionPending, boolean requestsWaiting) {
        if (versionPending) {
            return Action.PUBLISH_PENDING;
        }
        return requestsWaiting ? Action.CREATE_NEXT : Action.NOTHING;
    }

    /**
     * @param latestVersion    the highest version made so far, 0 before the first
     * @param cumulativeBefore per wallet, the sum of its requests held by versions made so far
     * @param waiting          every accepted request no version holds yet
     * @return version {@code latestVersion + 1} with each wallet's cumulative total over both; empty when nothing waits
     */
    public static Optional<PlannedDistribution> next(long latestVersion, Map<String, Long> cumulativeBefore,
                                                     List<WaitingRequest> waiting) {
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        TreeMap<String, Long> cumulative = new TreeMap<>(cumulativeBefore);
        List<Long> ids = new ArrayList<>(waiting.size());
        for (WaitingRequest request : waiting) {
            if (request.amount() <= 0) {
                throw new IllegalStateException("withdrawal request " + request.id() + " has amount " + request.amount());
            }
            cumulative.merge(request.wallet(), request.amount(), Math::addExact);
            ids.add(request.id());
        }
        return Optional.of(new PlannedDistribution(Math.addExact(latestVersion, 1), cumulative, ids));
    }
}
