package network.mmc.jobs.settlement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Disjoint primary-key ranges, in ascending order, that together hold a window's call records: the receipt-ordered
 * range plus the ranges of backfilled records. Disjoint, so that a record is read once whatever ranges overlapped.
 */
public record CallIdRanges(List<CallIdRange> ranges) {

    static final CallIdRanges EMPTY = new CallIdRanges(List.of());

    public CallIdRanges {
        ranges = List.copyOf(ranges);
    }

    /** The union of {@code ranges}, merged where they overlap or touch; empty ranges are left out. */
    static CallIdRanges union(Collection<CallIdRange> ranges) {
        List<CallIdRange> sorted = ranges.stream().filter(r -> !r.isEmpty())
                .sorted(Comparator.comparingLong(CallIdRange::first)).toList();
        List<CallIdRange> merged = new ArrayList<>();
        for (CallIdRange range : sorted) {
            CallIdRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range.first() <= last.last() + 1) {
                merged.set(merged.size() - 1, new CallIdRange(last.first(), Math.max(last.last(), range.last())));
            } else {
                merged.add(range);
            }
        }
        return new CallIdRanges(merged);
    }

    /** How many ids the ranges span. */
    long size() {
        return ranges.stream().mapToLong(r -> r.last() - r.first() + 1).sum();
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The ids at positions {@code [from, to)} of the ranges taken one after the other. */
    CallIdRanges slice(long from, long to) {
        List<CallIdRange> slice = new ArrayList<>();
        long offset = 0;
        for (CallIdRange range : ranges) {
            long length = range.last() - range.first() + 1;
            long start = Math.max(from, offset);
            long end = Math.min(to, offset + length);
            if (start < end) {
                slice.add(new CallIdRange(range.first() + start - offset, range.first() + end - 1 - offset));
            }
            offset += length;
        }
        return new CallIdRanges(slice);
    }

    /** {@code first-last,first-last}, as kept in a partition's execution context. */
    public String toText() {
        return ranges.stream().map(r -> r.first() + "-" + r.last()).collect(Collectors.joining(","));
    }

    public static CallIdRanges parse(String text) {
        if (text.isEmpty()) {
            return EMPTY;
        }
        List<CallIdRange> ranges = new ArrayList<>();
        for (String range : text.split(",")) {
            int dash = range.indexOf('-');
            ranges.add(new CallIdRange(Long.parseLong(range.substring(0, dash)), Long.parseLong(range.substring(dash + 1))));
        }
        return new CallIdRanges(ranges);
    }
}
