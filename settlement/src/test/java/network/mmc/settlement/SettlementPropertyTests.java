package network.mmc.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class SettlementPropertyTests {

    private final WindowSettlementCalculator calculator = new WindowSettlementCalculator(SettlementParameters.defaults());

    @Provide
    Arbitrary<List<CallFact>> calls() {
        Arbitrary<CallFact> call = Combinators.combine(
                Arbitraries.integers().between(0, 11).map(i -> "node-" + i),
                Arbitraries.of(CallerType.class),
                Arbitraries.of("U1", "U2", "W0", "W3"),
                Arbitraries.of(CallStatus.class),
                Arbitraries.longs().between(0, 1_000_000))
                .as(CallFact::new);
        return call.list().ofMaxSize(200);
    }

    private static Map<String, NodeProfile> profiles() {
        Map<String, NodeProfile> profiles = new HashMap<>();
        for (int i = 0; i < 12; i++) {
            String node = "node-" + i;
            boolean eligible = i % 5 != 4;
            profiles.put(node, new NodeProfile(node, eligible ? "W" + i : null, i * 3_000_000_000_000L, eligible));
        }
        return profiles;
    }

    private SettlementResult settle(List<CallFact> calls, long pool, int partitions) {
        Map<String, NodeProfile> profiles = profiles();
        List<List<NodeUsage>> partitioned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            WindowAggregator aggregator = new WindowAggregator(node -> profiles.get(node).ownerWallet());
            for (int i = p; i < calls.size(); i += partitions) {
                aggregator.add(calls.get(i));
            }
            partitioned.add(new ArrayList<>(aggregator.usages()));
        }
        return calculator.settle(WindowAggregator.mergeAll(partitioned), profiles, pool);
    }

    @Property
    void rewardsPlusUnallocatedAddUpToThePool(@ForAll("calls") List<CallFact> calls,
                                              @ForAll @LongRange(min = 0, max = 5_000_000_000_000_000L) long pool) {
        SettlementResult result = settle(calls, pool, 1);

        long rewards = result.nodes().stream().mapToLong(NodeSettlement::reward).sum();
        assertThat(rewards + result.unallocated()).isEqualTo(pool);
    }

    @Property
    void eachRewardIsWithinOneUnitOfItsExactShare(@ForAll("calls") List<CallFact> calls,
                                                  @ForAll @LongRange(min = 0, max = 5_000_000_000_000_000L) long pool) {
        SettlementResult result = settle(calls, pool, 1);
        BigDecimal total = result.nodes().stream().map(n -> new BigDecimal(n.raw())).reduce(BigDecimal.ZERO, BigDecimal::add);

        for (NodeSettlement node : result.nodes()) {
            if (node.raw() == 0.0) {
                assertThat(node.reward()).isZero();
            } else {
                BigDecimal exact = BigDecimal.valueOf(pool).multiply(new BigDecimal(node.raw()))
                        .divide(total, MathContext.DECIMAL128);
                assertThat(BigDecimal.valueOf(node.reward()).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
            }
        }
    }

    @Property
    void resultDoesNotDependOnRecordOrderOrPartitioning(@ForAll("calls") List<CallFact> calls,
                                                        @ForAll @IntRange(min = 1, max = 7) int partitions,
                                                        @ForAll long shuffleSeed) {
        List<CallFact> shuffled = new ArrayList<>(calls);
        Collections.shuffle(shuffled, new Random(shuffleSeed));

        SettlementResult straight = settle(calls, 1_000_000_007L, 1);
        SettlementResult reordered = settle(shuffled, 1_000_000_007L, partitions);

        assertThat(reordered).isEqualTo(straight);
    }
}
