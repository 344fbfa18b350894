package network.mmc.jobs.calls;

/** The columns of an imported call record, in CSV order; {@code recorded_at} is always set by the Hub. */
enum CallField {
    EVENT_ID("event_id"),
    NODE_ID("node_id"),
    CALLER_TYPE("caller_type"),
    CALLER_ID("caller_id"),
    CALLER_WALLET("caller_wallet"),
    TASK_TYPE("task_type"),
    STATUS("status"),
    CREDITS("credits"),
    LATENCY_MS("latency_ms"),
    CALLED_AT("called_at");

    static final String CSV_HEADER = String.join(",", java.util.Arrays.stream(values()).map(f -> f.column).toList());

    final String column;

    CallField(String column) {
        this.column = column;
    }
}
