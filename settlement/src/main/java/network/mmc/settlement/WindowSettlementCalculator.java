package network.mmc.settlement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns one window's per-node aggregates into quality, weights and rewards (SETTLEMENT.md §3 and §5).
 * The result depends only on the set of aggregates, never on their order.
 */
public final class WindowSettlementCalculator {

    private final SettlementParameters parameters;
    private final WilsonQuality wilson;

    public WindowSettlementCalculator(SettlementParameters parameters) {
        this.parameters = parameters;
        this.wilson = new WilsonQuality(parameters.z());
    }

    /**
     * @param usages   one aggregate per node with at least one call (node ids unique)
     * @param profiles node profiles by id; a node missing here is treated as unregistered
     * @param pool     the window's pool in base units
     */
    public SettlementResult settle(Collection<NodeUsage> usages, Map<String, NodeProfile> profiles, long pool) {
        if (pool < 0) {
            throw new IllegalArgumentException("pool must be >= 0, got " + pool);
        }
        SortedMap<String, NodeUsage> byNode = new TreeMap<>();
        for (NodeUsage usage : usages) {
            if (byNode.putIfAbsent(usage.nodeId(), usage) != null) {
                throw new IllegalArgumentException("two aggregates for node " + usage.nodeId());
            }
        }
        double cap = UsageCap.of(
                byNode.values().stream().mapToLong(NodeUsage::credits).filter(c -> c > 0).toArray(),
                parameters.minCapNodes(), parameters.capK());

        SortedMap<String, Double> rawByNode = new TreeMap<>();
        List<NodeSettlement> partial = new ArrayList<>();
        for (NodeUsage usage : byNode.values()) {
            NodeProfile profile = profiles.getOrDefault(usage.nodeId(), NodeProfile.unknown(usage.nodeId()));
            double quality = wilson.of(usage.ok(), usage.calls());
            double usageCapped = Math.min((double) usage.credits(), cap);
            double stakeFactor = 1.0 + 0.5 * Math.min((double) profile.stake() / parameters.stakeTarget(), 1.0);
            double raw = profile.eligible() ? usageCapped * quality * stakeFactor : 0.0;
            rawByNode.put(usage.nodeId(), raw);
            partial.add(new NodeSettlement(usage.nodeId(), profile.ownerWallet(), usage.calls(), usage.ok(),
                    usage.credits(), usage.selfDealt(), quality, usageCapped, stakeFactor, profile.eligible(), raw,
                    null, 0));
        }

        RewardAllocator.Allocation allocation = RewardAllocator.allocate(pool, rawByNode);
        SortedMap<String, BigDecimal> weights = RewardAllocator.weights(rawByNode);
        List<NodeSettlement> nodes = partial.stream()
                .map(n -> new NodeSettlement(n.nodeId(), n.ownerWallet(), n.calls(), n.ok(), n.credits(),
                        n.selfDealt(), n.quality(), n.usage(), n.stakeFactor(), n.eligible(), n.raw(),
                        weights.get(n.nodeId()), allocation.rewards().get(n.nodeId())))
                .toList();
        return new SettlementResult(pool, pool - allocation.unallocated(), allocation.unallocated(), cap,
                InputDigest.of(byNode.values()), nodes);
    }
}
