package network.mmc.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Splits a pool in proportion to exact raw weights with the largest-remainder method (SETTLEMENT.md §5).
 * Raw weights are taken as the exact values of their doubles, so the split depends on nothing but the inputs.
 */
final class RewardAllocator {

    private RewardAllocator() {
    }

    /** Rewards by node id, and what is left unallocated (the whole pool when every raw weight is 0). */
    record Allocation(SortedMap<String, Long> rewards, long unallocated) {
    }

    static Allocation allocate(long pool, SortedMap<String, Double> rawByNode) {
        BigDecimal total = rawByNode.values().stream()
                .map(BigDecimal::new)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        SortedMap<String, Long> rewards = new TreeMap<>();
        if (total.signum() == 0) {
            rawByNode.keySet().forEach(node -> rewards.put(node, 0L));
            return new Allocation(rewards, pool);
        }
        BigDecimal poolExact = BigDecimal.valueOf(pool);
        List<Share> shares = new ArrayList<>();
        long allocated = 0;
        for (var entry : rawByNode.entrySet()) {
            BigDecimal numerator = poolExact.multiply(new BigDecimal(entry.getValue()));
            BigDecimal base = numerator.divide(total, 0, RoundingMode.FLOOR);
            // remainder / total is the fractional part; total is common to all, so the remainder alone ranks
            BigDecimal remainder = numerator.subtract(base.multiply(total));
            shares.add(new Share(entry.getKey(), base.longValueExact(), remainder));
            allocated = Math.addExact(allocated, base.longValueExact());
        }
        long left = Math.subtractExact(pool, allocated);
        shares.sort(Comparator.comparing(Share::remainder).reversed().thenComparing(Share::nodeId));
        for (int i = 0; i < shares.size(); i++) {
            Share share = shares.get(i);
            rewards.put(share.nodeId(), share.base() + (i < left ? 1 : 0));
        }
        return new Allocation(rewards, 0);
    }

    /** Weight = raw / Σraw, exact, rounded half-even to 18 decimals for display. */
    static SortedMap<String, BigDecimal> weights(SortedMap<String, Double> rawByNode) {
        BigDecimal total = rawByNode.values().stream()
                .map(BigDecimal::new)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        SortedMap<String, BigDecimal> weights = new TreeMap<>();
        rawByNode.forEach((node, raw) -> weights.put(node, total.signum() == 0
                ? BigDecimal.ZERO.setScale(18)
                : new BigDecimal(raw).divide(total, 18, RoundingMode.HALF_EVEN)));
        return weights;
    }

    private record Share(String nodeId, long base, BigDecimal remainder) {
    }
}
