package network.mmc.settlement;

import java.util.List;

/**
 * A settled window: node lines in ascending node id order, the pool, the cap that applied
 * ({@code +Infinity} when too few nodes had credits) and the digest of the input aggregates.
 */
public record SettlementResult(
        long pool,
        long allocated,
        long unallocated,
        double cap,
        String inputSha256,
        List<NodeSettlement> nodes) {

    public SettlementResult {
        nodes = List.copyOf(nodes);
        if (Math.addExact(allocated, unallocated) != pool) {
            throw new IllegalStateException("allocated " + allocated + " + unallocated " + unallocated
                    + " != pool " + pool);
        }
    }
}
