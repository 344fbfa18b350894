package network.mmc.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowSettlementCalculatorTests {

    private final WindowSettlementCalculator calculator = new WindowSettlementCalculator(SettlementParameters.defaults());

    private static NodeSettlement line(SettlementResult result, String node) {
        return result.nodes().stream().filter(n -> n.nodeId().equals(node)).findFirst().orElseThrow();
    }

    private static SettlementResult settleVectorA(WindowSettlementCalculator calculator) {
        WindowAggregator aggregator = new WindowAggregator(VectorA::ownerOf);
        VectorA.CALLS.forEach(aggregator::add);
        return calculator.settle(aggregator.usages(), VectorA.PROFILES, VectorA.POOL);
    }

    @Test
    void reproducesTestVectorA() {
        // when
        SettlementResult result = settleVectorA(calculator);

        // then
        NodeSettlement a = line(result, "node-a");
        assertThat(a.credits()).isEqualTo(4100);
        assertThat(a.quality()).isEqualTo(0.3006418425824019);
        assertThat(a.reward()).isEqualTo(569_966_967L);

        NodeSettlement b = line(result, "node-b");
        assertThat(b.credits()).isEqualTo(2000);
        assertThat(b.selfDealt()).isEqualTo(9000);
        assertThat(b.stakeFactor()).isEqualTo(1.25);
        assertThat(b.reward()).isEqualTo(240_053_714L);

        NodeSettlement c = line(result, "node-c");
        assertThat(c.credits()).isEqualTo(800);
        assertThat(c.stakeFactor()).isEqualTo(1.5);
        assertThat(c.reward()).isEqualTo(189_979_319L);

        NodeSettlement d = line(result, "node-d");
        assertThat(d.eligible()).isFalse();
        assertThat(d.reward()).isZero();

        assertThat(result.unallocated()).isZero();
        assertThat(result.allocated()).isEqualTo(VectorA.POOL);
        assertThat(result.cap()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(result.inputSha256())
                .isEqualTo("eb4f26836aafc8054b87b46ad24613ad229086541066fab111e1e3a6f33c7f81");
    }

    @Test
    void weightsHaveEighteenDecimalsAndSumToAboutOne() {
        SettlementResult result = settleVectorA(calculator);

        assertThat(result.nodes()).allSatisfy(n -> assertThat(n.weight().scale()).isEqualTo(18));
        BigDecimal sum = result.nodes().stream().map(NodeSettlement::weight).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum.subtract(BigDecimal.ONE).abs()).isLessThanOrEqualTo(new BigDecimal("1e-17"));
    }

    @Test
    void noCallsMeansNobodyIsPaidAndThePoolStaysUnallocated() {
        SettlementResult result = calculator.settle(List.of(), Map.of(), 1000);

        assertThat(result.nodes()).isEmpty();
        assertThat(result.unallocated()).isEqualTo(1000);
    }

    @Test
    void aSingleEligibleNodeTakesTheWholePool() {
        NodeUsage usage = new NodeUsage("solo", 10, 10, 500, 0);
        SettlementResult result = calculator.settle(List.of(usage),
                Map.of("solo", new NodeProfile("solo", "W", 0, true)), 4_166_666_666_666L);

        assertThat(line(result, "solo").reward()).isEqualTo(4_166_666_666_666L);
        assertThat(result.unallocated()).isZero();
    }

    @Test
    void aNodeWithOnlyFailuresHasZeroQualityAndEarnsNothing() {
        NodeUsage failing = new NodeUsage("failing", 5, 0, 0, 0);
        NodeUsage working = new NodeUsage("working", 5, 5, 100, 0);
        SettlementResult result = calculator.settle(List.of(failing, working), Map.of(
                "failing", new NodeProfile("failing", "W1", 0, true),
                "working", new NodeProfile("working", "W2", 0, true)), 999);

        assertThat(line(result, "failing").quality()).isZero();
        assertThat(line(result, "failing").reward()).isZero();
        assertThat(line(result, "working").reward()).isEqualTo(999);
    }

    @Test
    void whenEveryRawWeightIsZeroTheWholePoolIsUnallocated() {
        NodeUsage unregistered = new NodeUsage("ghost", 3, 3, 300, 0);
        SettlementResult result = calculator.settle(List.of(unregistered), Map.of(), 777);

        assertThat(line(result, "ghost").reward()).isZero();
        assertThat(line(result, "ghost").weight()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(result.unallocated()).isEqualTo(777);
    }

    @Test
    void remainderTiesGoToTheSmallerNodeIdFirst() {
        // three identical nodes share 10 units: 3 each, the one left unit goes to the smallest id
        Map<String, NodeProfile> profiles = Map.of(
                "n-1", new NodeProfile("n-1", "W1", 0, true),
                "n-2", new NodeProfile("n-2", "W2", 0, true),
                "n-3", new NodeProfile("n-3", "W3", 0, true));
        List<NodeUsage> usages = List.of(
                new NodeUsage("n-3", 4, 4, 100, 0),
                new NodeUsage("n-1", 4, 4, 100, 0),
                new NodeUsage("n-2", 4, 4, 100, 0));

        SettlementResult result = calculator.settle(usages, profiles, 10);

        assertThat(result.nodes()).extracting(NodeSettlement::reward).containsExactly(4L, 3L, 3L);
    }

    @Test
    void theCapLimitsAnOutlierOnceFiveNodesHaveCredits() {
        List<NodeUsage> usages = List.of(
                new NodeUsage("a", 10, 10, 100, 0),
                new NodeUsage("b", 10, 10, 110, 0),
                new NodeUsage("c", 10, 10, 120, 0),
                new NodeUsage("d", 10, 10, 130, 0),
                new NodeUsage("wash", 10, 10, 1_000_000, 0));
        Map<String, NodeProfile> profiles = Map.of(
                "a", new NodeProfile("a", "W", 0, true), "b", new NodeProfile("b", "W", 0, true),
                "c", new NodeProfile("c", "W", 0, true), "d", new NodeProfile("d", "W", 0, true),
                "wash", new NodeProfile("wash", "X", 0, true));

        SettlementResult result = calculator.settle(usages, profiles, 1_000_000);

        // median 120, MAD 10 → cap = 120 + 10 * 1.4826 * 10
        assertThat(result.cap()).isEqualTo(120 + 10 * 1.4826 * 10);
        assertThat(line(result, "wash").usage()).isEqualTo(result.cap());
        assertThat(line(result, "wash").reward()).isLessThan(1_000_000 / 2);
    }

    @Test
    void twoAggregatesOfOneNodeAreRefused() {
        assertThatThrownBy(() -> calculator.settle(
                List.of(NodeUsage.empty("x"), NodeUsage.empty("x")), Map.of(), 1))
                .hasMessageContaining("two aggregates for node x");
    }
}
