package network.mmc.ledger;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/** Distribution versions in maps, over the requests of an {@link InMemoryWithdrawalStore}; one lock for everything. */
public final class InMemoryDistributionStore implements DistributionStore {

    private final InMemoryWithdrawalStore withdrawals;
    private final Map<Long, Long> versionOfRequest = new HashMap<>();
    private final TreeMap<Long, Map<String, Long>> versions = new TreeMap<>();
    private Long pending;

    public InMemoryDistributionStore(InMemoryWithdrawalStore withdrawals) {
        this.withdrawals = withdrawals;
    }

    @Override
    public synchronized OptionalLong pendingVersion() {
        return pending == null ? OptionalLong.empty() : OptionalLong.of(pending);
    }

    @Override
    public synchronized Optional<PlannedDistribution> createNext(Planner planner) {
        Map<String, Long> cumulative = new HashMap<>();
        List<WaitingRequest> waiting = withdrawals.requests().stream()
                .filter(r -> {
                    if (versionOfRequest.containsKey(r.id())) {
                        cumulative.merge(r.wallet(), r.amount(), Math::addExact);
                        return false;
                    }
                    return true;
                })
                .map(r -> new WaitingRequest(r.id(), r.wallet(), r.amount())).toList();
        Optional<PlannedDistribution> plan = planner.plan(versions.isEmpty() ? 0 : versions.lastKey(), cumulative, waiting);
        plan.ifPresent(next -> {
            versions.put(next.version(), next.cumulative());
            next.requestIds().forEach(id -> versionOfRequest.put(id, next.version()));
            pending = next.version();
        });
        return plan;
    }

    @Override
    public synchronized void confirm(long version, String signature, long slot, Instant confirmedAt) {
        if (pending == null || pending != version) {
            throw new IllegalStateException("version " + version + " is not pending");
        }
        pending = null;
    }

    @Override
    public synchronized Map<String, Long> cumulative(long version) {
        return Map.copyOf(versions.get(version));
    }
}
