package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IdRangePartitionerTests {

    @Test
    void overlappingAndTouchingRangesMergeIntoDisjointOnes() {
        CallIdRanges union = CallIdRanges.union(List.of(new CallIdRange(500, 600), new CallIdRange(10, 20),
                new CallIdRange(15, 30), new CallIdRange(31, 40), CallIdRange.EMPTY, new CallIdRange(550, 560)));

        assertThat(union.ranges()).containsExactly(new CallIdRange(10, 40), new CallIdRange(500, 600));
        assertThat(union.size()).isEqualTo(31 + 101);
    }

    @Test
    void everyIdOfTheRangesFallsInExactlyOnePartitionWhateverTheGridSize() {
        // a receipt-ordered range with a backfill range inside it and two beyond it
        CallIdRanges ranges = CallIdRanges.union(List.of(new CallIdRange(100, 180), new CallIdRange(150, 160),
                new CallIdRange(1_000, 1_004), new CallIdRange(2_000, 2_000)));
        TreeSet<Long> expected = ids(ranges);

        for (int gridSize = 1; gridSize <= 100; gridSize++) {
            List<Long> covered = new ArrayList<>();
            new IdRangePartitioner(ranges).partition(gridSize).values().forEach(context ->
                    covered.addAll(ids(CallIdRanges.parse(context.getString(IdRangePartitioner.RANGES)))));

            assertThat(covered).as("grid size %d", gridSize).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void noIdsGiveOneEmptyPartition() {
        var partitions = new IdRangePartitioner(CallIdRanges.EMPTY).partition(16);

        assertThat(partitions).hasSize(1);
        assertThat(CallIdRanges.parse(partitions.get("partition0").getString(IdRangePartitioner.RANGES)).isEmpty()).isTrue();
    }

    private static TreeSet<Long> ids(CallIdRanges ranges) {
        TreeSet<Long> ids = new TreeSet<>();
        ranges.ranges().forEach(r -> {
            for (long id = r.first(); id <= r.last(); id++) {
                ids.add(id);
            }
        });
        return ids;
    }
}
