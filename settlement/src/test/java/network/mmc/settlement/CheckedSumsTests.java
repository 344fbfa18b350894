package network.mmc.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sums of credits and counts are exact up to a long, and refused beyond it: never wrapped into a wrong total. */
class CheckedSumsTests {

    // the Hub's default per-record ceiling (mmc.ingest.max-credits)
    private static final long CEILING = 1_000_000;
    private static final String NODE = "node-a";
    private static final String OWNER = "W-a";

    private static CallFact atTheCeiling() {
        return new CallFact(NODE, CallerType.API_USER, "U1", CallStatus.SUCCESS, CEILING);
    }

    @Test
    void aMillionRecordsAtTheCeilingOverSixteenPartitionsSumExactly() {
        // given
        List<Collection<NodeUsage>> partitions = new ArrayList<>();
        for (int p = 0; p < 16; p++) {
            WindowAggregator aggregator = new WindowAggregator(node -> OWNER);
            for (int i = 0; i < 62_500; i++) {
                aggregator.add(atTheCeiling());
            }
            partitions.add(aggregator.usages());
        }

        // when
        Collection<NodeUsage> merged = WindowAggregator.mergeAll(partitions);
        SettlementResult result = new WindowSettlementCalculator(SettlementParameters.defaults()).settle(merged,
                Map.of(NODE, new NodeProfile(NODE, OWNER, 0, true)), 4_166_666_666_666L);

        // then
        assertThat(merged).containsExactly(new NodeUsage(NODE, 1_000_000, 1_000_000, 1_000_000_000_000L, 0));
        assertThat(result.nodes()).singleElement().satisfies(n -> {
            assertThat(n.credits()).isEqualTo(1_000_000_000_000L);
            assertThat(n.usage()).isEqualTo(1e12);
            assertThat(n.reward()).isEqualTo(4_166_666_666_666L);
        });
    }

    @Test
    void partitionSumsAtTheCeilingCombineExactlyUpToTheLargestLong() {
        // 2^62 / 10^6 records at the ceiling in each of two partitions: together just below Long.MAX_VALUE credits
        long records = (1L << 62) / CEILING;
        NodeUsage half = new NodeUsage(NODE, records, records, records * CEILING, 0);

        NodeUsage both = half.plus(half);

        assertThat(both.calls()).isEqualTo(2 * records);
        assertThat(both.credits()).isEqualTo(2 * records * CEILING).isLessThanOrEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> both.plus(half)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void recordsBeyondALongAreRefusedInsteadOfWrapping() {
        WindowAggregator aggregator = new WindowAggregator(node -> OWNER);
        aggregator.add(new CallFact(NODE, CallerType.API_USER, "U1", CallStatus.SUCCESS, Long.MAX_VALUE));

        assertThatThrownBy(() -> aggregator.add(new CallFact(NODE, CallerType.HUB, null, CallStatus.SUCCESS, Long.MAX_VALUE)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new NodeUsage(NODE, Long.MAX_VALUE, 0, 0, 0).plus(new NodeUsage(NODE, 1, 0, 0, 0)))
                .as("calls").isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new NodeUsage(NODE, Long.MAX_VALUE, Long.MAX_VALUE, 0, 0)
                .add(new CallFact(NODE, CallerType.HUB, null, CallStatus.SUCCESS, 0), OWNER))
                .as("one more call").isInstanceOf(ArithmeticException.class);
    }
}
