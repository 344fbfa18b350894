package network.mmc.jobs.support;

import java.util.List;

/**
 * Call-record batches made up on the fly for load drills and benchmarks: record {@code i} of batch {@code b} of
 * client {@code c} has event id {@code prefix-c-b-i}, so every record differs and each can be named again later.
 */
public record GeneratedCalls(String prefix, List<String> nodeIds, String wallet, String calledAt, int batchSize)
        implements IngestLoad.Batches {

    public static final String CSV_HEADER =
            "event_id,node_id,caller_type,caller_id,caller_wallet,task_type,status,credits,latency_ms,called_at\n";

    public String eventId(int client, long batch, int i) {
        return prefix + "-" + client + "-" + batch + "-" + i;
    }

    @Override
    public String body(int client, long batch) {
        StringBuilder json = new StringBuilder(batchSize * 260).append('[');
        for (int i = 0; i < batchSize; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"event_id\":\"").append(eventId(client, batch, i))
                    .append("\",\"node_id\":\"").append(node(batch, i))
                    .append("\",\"caller_type\":\"API_USER\",\"caller_id\":\"user-").append(client)
                    .append("\",\"caller_wallet\":\"").append(wallet)
                    .append("\",\"task_type\":\"gemm\",\"status\":\"SUCCESS\",\"credits\":").append(credits(i))
                    .append(",\"latency_ms\":").append(latency(i))
                    .append(",\"called_at\":\"").append(calledAt).append("\"}");
        }
        return json.append(']').toString();
    }

    /** The same records as {@link #body} as CSV lines (no header), for a bulk load of the very same rows. */
    public void appendCsv(StringBuilder csv, int client, long batch) {
        for (int i = 0; i < batchSize; i++) {
            csv.append(eventId(client, batch, i)).append(',').append(node(batch, i)).append(",API_USER,user-")
                    .append(client).append(',').append(wallet).append(",gemm,SUCCESS,").append(credits(i)).append(',')
                    .append(latency(i)).append(',').append(calledAt).append('\n');
        }
    }

    private String node(long batch, int i) {
        return nodeIds.get((int) ((batch + i) % nodeIds.size()));
    }

    private static int credits(int i) {
        return 1 + i % 1000;
    }

    private static int latency(int i) {
        return 10 + i % 500;
    }
}
