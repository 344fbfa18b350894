package network.mmc.jobs.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.SettlementWindow;

/**
 * Holds partition 0 of a window's revision-1 aggregation: a row inserted and not committed, on a connection of the
 * test's own, makes the partition's first statement (the DELETE of its earlier rows) wait until {@link #close()} rolls
 * it back. A settlement is then running, between two chunk boundaries, for as long as a test needs.
 */
public final class HeldPartition implements AutoCloseable {

    private final Connection connection;

    private HeldPartition(Connection connection) {
        this.connection = connection;
    }

    public static HeldPartition of(SettlementWindow window) throws SQLException {
        TestDatabase database = TestDatabase.get();
        Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO settlement_partial (window_start,"
                + " revision, partition_no, node_id, calls, ok, credits, self_dealt) VALUES (?, 1, 0, 'held-by-test', 0, 0, 0, 0)")) {
            insert.setTimestamp(1, UtcTimestamps.of(window.start()));
            insert.executeUpdate();
        }
        return new HeldPartition(connection);
    }

    @Override
    public void close() throws SQLException {
        connection.rollback();
        connection.close();
    }
}
