package network.mmc.jobs.archive;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import network.mmc.jobs.database.UtcTimestamps;

/** One call_record row as an archive keeps it, every column. */
record ArchivedCall(long id, String eventId, String nodeId, String callerType, String callerId, String callerWallet,
                    String taskType, String status, long credits, Integer latencyMs, Instant calledAt,
                    Instant recordedAt) {

    static final String COLUMNS = "id, event_id, node_id, caller_type, caller_id, caller_wallet, task_type, status,"
            + " credits, latency_ms, called_at, recorded_at";

    static ArchivedCall of(ResultSet row) throws SQLException {
        return new ArchivedCall(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), row.getString(7), row.getString(8), row.getLong(9),
                row.getObject(10) == null ? null : row.getInt(10),
                row.getTimestamp(11) == null ? null : UtcTimestamps.toInstant(row.getTimestamp(11)),
                UtcTimestamps.toInstant(row.getTimestamp(12)));
    }

    /** From the fields of an archive line, in the order of {@code AuditFiles.ARCHIVE_CALLS_HEADER}. */
    static ArchivedCall of(List<String> fields) {
        if (fields.size() != 12) {
            throw new IllegalArgumentException(fields.size() + " columns, expected 12");
        }
        return new ArchivedCall(number(fields.get(7)), fields.get(0), fields.get(1), fields.get(2), text(fields.get(8)),
                text(fields.get(3)), text(fields.get(9)), fields.get(4), number(fields.get(5)),
                fields.get(10).isEmpty() ? null : Math.toIntExact(number(fields.get(10))),
                fields.get(11).isEmpty() ? null : time(fields.get(11)), time(fields.get(6)));
    }

    private static String text(String value) {
        return value.isEmpty() ? null : value;
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is not a whole number");
        }
    }

    private static Instant time(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not an ISO-8601 instant");
        }
    }
}
