package network.mmc.jobs.settlement;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.settlement.SettlementWindow;
import org.springframework.stereotype.Component;

/**
 * One settlement of a window at a time across every Hub process sharing the database: a named lock
 * ({@code GET_LOCK}) held on a connection of its own for the whole run. A process that dies loses its
 * connection and with it the lock, so nothing is left to clean up.
 */
@Component
class WindowLocks {

    private final DataSource dataSource;

    WindowLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} holding the window's lock; refuses at once when another run holds it. */
    <T> T whileHolding(SettlementWindow window, Supplier<T> work) {
        String name = lockName(window);
        try (Connection connection = dataSource.getConnection()) {
            if (!call(connection, "SELECT GET_LOCK(?, 0)", name)) {
                throw new ConflictException("window " + window + " is being settled right now by another run");
            }
            try {
                return work.get();
            } finally {
                release(connection, name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the settlement lock of window " + window + " failed: " + e.getMessage(), e);
        }
    }

    static String lockName(SettlementWindow window) {
        return "mmc-settlement:" + window.start();
    }

    private static void release(Connection connection, String name) {
        try {
            call(connection, "SELECT RELEASE_LOCK(?)", name);
        } catch (SQLException e) {
            // the connection is gone, and the lock with it; the run's own outcome is what the caller must see
        }
    }

    private static boolean call(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getInt(1) == 1;
            }
        }
    }
}
