package network.mmc.jobs.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import network.mmc.jobs.database.LoadDataLocal;
import network.mmc.jobs.database.UtcTimestamps;
import org.springframework.stereotype.Component;

/**
 * Stores validated call records with {@code LOAD DATA LOCAL INFILE ... IGNORE}, streamed from memory through
 * Connector/J: the fastest path MySQL offers, and a re-sent event id is skipped by the unique key.
 * Each call is one commit. A record without {@code called_at} whose row was archived (README: Call-record retention)
 * has no unique key left to meet: its event id's key in {@code call_archived_event} makes it a duplicate instead.
 */
@Component
public class CallRecordLoader {

    private static final String LOAD = "LOAD DATA LOCAL INFILE 'mmc-call-records' IGNORE INTO TABLE call_record"
            + LoadDataLocal.FORMAT + " (event_id, node_id, caller_type, caller_id, caller_wallet, task_type, status,"
            + " credits, latency_ms, called_at, recorded_at)";

    private final DataSource dataSource;

    public CallRecordLoader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Encodes rows as the tab-separated text {@link #load(byte[], int, List)} reads. */
    public static byte[] encode(List<CallRecordRow> rows) {
        LoadDataText text = new LoadDataText(rows.size());
        rows.forEach(text::append);
        return text.toByteArray();
    }

    /** @return how many of the rows were new (the rest had an event id already stored or archived) */
    public long load(List<CallRecordRow> rows) {
        return rows.isEmpty() ? 0 : load(encode(rows), rows.size(), undated(rows));
    }

    /** The event ids of the rows without {@code called_at}: the only ones an archived row's key can match. */
    static List<String> undated(List<CallRecordRow> rows) {
        return rows.stream().filter(row -> row.calledAt() == null).map(CallRecordRow::eventId).toList();
    }

    /** Encoded rows that all belong to one window. */
    record WindowRows(Instant windowStart, byte[] encoded, int count) {
    }

    /**
     * Stores backfilled rows and, per window, an id range that holds every row stored into it
     * ({@code call_backfill_range}, read by settlement), in one transaction: rows are never stored without the range
     * that makes settlement find them. Ids are allocated in statement order and above every id allocated before, so
     * the range after a window's statement is (the highest id seen before it, the highest id seen after it].
     *
     * @return how many of the rows were new
     */
    long loadBackfill(List<WindowRows> windows) {
        int rowCount = windows.stream().mapToInt(WindowRows::count).sum();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement();
                 PreparedStatement range = connection.prepareStatement(
                         "INSERT INTO call_backfill_range (window_start, first_id, last_id) VALUES (?, ?, ?)")) {
                long stored = 0;
                long before = highestId(statement);
                for (WindowRows window : windows) {
                    int rows = LoadDataLocal.execute(statement, LOAD, window.encoded());
                    long after = highestId(statement);
                    if (rows > 0) {
                        range.setTimestamp(1, UtcTimestamps.of(window.windowStart()));
                        range.setLong(2, before + 1);
                        range.setLong(3, after);
                        range.executeUpdate();
                    }
                    stored += rows;
                    before = after;
                }
                connection.commit();
                return stored;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + rowCount + " backfilled call records failed: " + e.getMessage(), e);
        }
    }

    private static long highestId(Statement statement) throws SQLException {
        try (ResultSet result = statement.executeQuery("SELECT COALESCE(MAX(id), 0) FROM call_record")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** @param undatedEventIds the event ids of the rows without {@code called_at} ({@link #undated}) */
    long load(byte[] encodedRows, int rowCount, List<String> undatedEventIds) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(undatedEventIds.isEmpty());
            try {
                long stored = LoadDataLocal.execute(statement, LOAD, encodedRows);
                if (!undatedEventIds.isEmpty()) {
                    stored -= ArchivedEvents.removeResent(connection, undatedEventIds);
                    connection.commit();
                }
                return stored;
            } catch (SQLException | RuntimeException e) {
                if (!undatedEventIds.isEmpty()) {
                    connection.rollback();
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("storing " + rowCount + " call records failed: " + e.getMessage(), e);
        }
    }
}
