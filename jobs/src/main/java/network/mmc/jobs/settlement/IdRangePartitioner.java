package network.mmc.jobs.settlement;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Splits a window's id ranges into disjoint partitions of about equal span that together cover them exactly. */
final class IdRangePartitioner implements Partitioner {

    static final String PARTITION = "partition";
    static final String RANGES = "idRanges";

    private final CallIdRanges ranges;

    IdRangePartitioner(CallIdRanges ranges) {
        this.ranges = ranges;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        long size = ranges.size();
        int count = (int) Math.max(1, Math.min(gridSize, size));
        for (int p = 0; p < count; p++) {
            ExecutionContext context = new ExecutionContext();
            context.putInt(PARTITION, p);
            context.putString(RANGES, ranges.slice(size * p / count, size * (p + 1) / count).toText());
            partitions.put("partition" + p, context);
        }
        return partitions;
    }
}
