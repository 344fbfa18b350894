package network.mmc.settlement;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Aggregates call records into one {@link NodeUsage} per node. Use one aggregator per partition and
 * {@link #mergeAll} the partitions: sums are order- and partition-independent.
 */
public final class WindowAggregator {

    private final Function<String, String> ownerWalletOf;
    private final Map<String, NodeUsage> usages = new HashMap<>();

    /** @param ownerWalletOf owner wallet of a node at window end, or null when none is bound */
    public WindowAggregator(Function<String, String> ownerWalletOf) {
        this.ownerWalletOf = ownerWalletOf;
    }

    public void add(CallFact call) {
        usages.compute(call.nodeId(), (node, usage) ->
                (usage == null ? NodeUsage.empty(node) : usage).add(call, ownerWalletOf.apply(node)));
    }

    public Collection<NodeUsage> usages() {
        return usages.values();
    }

    public static Collection<NodeUsage> mergeAll(Collection<? extends Collection<NodeUsage>> partitions) {
        Map<String, NodeUsage> merged = new HashMap<>();
        partitions.forEach(partition -> partition.forEach(usage -> merged.merge(usage.nodeId(), usage, NodeUsage::plus)));
        return merged.values();
    }
}
