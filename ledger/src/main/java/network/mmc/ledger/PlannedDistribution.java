package network.mmc.ledger;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The next distribution version: every wallet's cumulative requested total since the beginning, and the waiting
 * requests it takes.
 */
public record PlannedDistribution(long version, SortedMap<String, Long> cumulative, List<Long> requestIds) {

    public PlannedDistribution {
        cumulative = Collections.unmodifiableSortedMap(new TreeMap<>(cumulative));
        requestIds = List.copyOf(requestIds);
    }

    public long total() {
        return cumulative.values().stream().mapToLong(Long::longValue).reduce(0L, Math::addExact);
    }
}
