package network.mmc.jobs.settlement;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/** Splits a window's id range into contiguous, disjoint partitions. */
final class IdRangePartitioner implements Partitioner {

    static final String PARTITION = "partition";
    static final String FIRST_ID = "firstId";
    static final String LAST_ID = "lastId";

    private final CallIdRange range;

    IdRangePartitioner(CallIdRange range) {
        this.range = range;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        long size = range.isEmpty() ? 0 : range.last() - range.first() + 1;
        int count = (int) Math.max(1, Math.min(gridSize, size));
        for (int p = 0; p < count; p++) {
            ExecutionContext context = new ExecutionContext();
            context.putInt(PARTITION, p);
            context.putLong(FIRST_ID, range.isEmpty() ? 1 : range.first() + size * p / count);
            context.putLong(LAST_ID, range.isEmpty() ? 0 : range.first() + size * (p + 1) / count - 1);
            partitions.put("partition" + p, context);
        }
        return partitions;
    }
}
