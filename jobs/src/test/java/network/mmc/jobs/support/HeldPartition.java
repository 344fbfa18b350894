package network.mmc.jobs.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.SettlementWindow;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Holds partition 0 of a window's revision-1 aggregation: a row inserted and not committed, on a connection of the
 * test's own, makes the partition's first statement (the DELETE of its earlier rows) wait until {@link #close()} rolls
 * it back. A settlement is then running, between two chunk boundaries, for as long as a test needs.
 */
public final class HeldPartition implements AutoCloseable {

    private final Connection connection;
    private final SettlementWindow window;

    private HeldPartition(Connection connection, SettlementWindow window) {
        this.connection = connection;
        this.window = window;
    }

    public static HeldPartition of(SettlementWindow window) throws SQLException {
        return of(window, TestDatabase.get());
    }

    /** The hold on a test database other than the shared one (a test class's {@link TestDatabase#sibling}). */
    public static HeldPartition of(SettlementWindow window, TestDatabase database) throws SQLException {
        Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO settlement_partial (window_start,"
                + " revision, partition_no, node_id, calls, ok, credits, self_dealt) VALUES (?, 1, 0, 'held-by-test', 0, 0, 0, 0)")) {
            insert.setTimestamp(1, UtcTimestamps.of(window.start()));
            insert.executeUpdate();
        }
        return new HeldPartition(connection, window);
    }

    /** Waits until a settlement of the window is running partition 0, held here; gives its job execution id. */
    public long awaitHeldExecution(JdbcTemplate jdbc, Duration deadline) {
        return Awaitility.await("partition 0 of " + window + " running").atMost(deadline).until(() -> jdbc.queryForList(
                "SELECT s.JOB_EXECUTION_ID FROM BATCH_STEP_EXECUTION s"
                + " JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID"
                + " WHERE s.STEP_NAME = 'aggregatePartitionStep:partition0' AND s.STATUS = 'STARTED'"
                + " AND p.PARAMETER_NAME = 'windowStart' AND p.PARAMETER_VALUE = ?", Long.class, window.start().toString()),
                ids -> ids.size() == 1).get(0);
    }

    @Override
    public void close() throws SQLException {
        connection.rollback();
        connection.close();
    }
}
