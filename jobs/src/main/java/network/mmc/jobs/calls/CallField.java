package network.mmc.jobs.calls;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The columns of an imported call record, in CSV order; {@code recorded_at} is always set by the Hub. */
enum CallField {
    EVENT_ID("event_id", false),
    NODE_ID("node_id", false),
    CALLER_TYPE("caller_type", false),
    CALLER_ID("caller_id", false),
    CALLER_WALLET("caller_wallet", false),
    TASK_TYPE("task_type", false),
    STATUS("status", false),
    CREDITS("credits", true),
    LATENCY_MS("latency_ms", true),
    CALLED_AT("called_at", false);

    static final String CSV_HEADER = String.join(",", Arrays.stream(values()).map(f -> f.column).toList());

    private static final Map<String, CallField> BY_COLUMN = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(f -> f.column, Function.identity()));

    final String column;
    /** whether JSON gives it as a number (the others are strings) */
    final boolean numeric;

    CallField(String column, boolean numeric) {
        this.column = column;
        this.numeric = numeric;
    }

    /** @return the field of that column name, or null */
    static CallField byColumn(String column) {
        return BY_COLUMN.get(column);
    }
}
