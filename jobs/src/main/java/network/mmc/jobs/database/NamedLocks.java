package network.mmc.jobs.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import network.mmc.jobs.errors.ConflictException;
import org.springframework.stereotype.Component;

/**
 * One holder at a time of a named piece of work across every Hub process sharing the database: a named lock
 * ({@code GET_LOCK}) held on a connection of its own for the whole work. A process that dies loses its
 * connection and with it the lock, so nothing is left to clean up.
 */
@Component
public class NamedLocks {

    private final DataSource dataSource;

    NamedLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} holding lock {@code name}; refuses at once, with {@code busy} as the reason, when it is held. */
    public <T> T whileHolding(String name, Supplier<String> busy, Supplier<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!call(connection, "SELECT GET_LOCK(?, 0)", name)) {
                throw new ConflictException(busy.get());
            }
            try {
                return work.get();
            } finally {
                release(connection, name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the database lock " + name + " failed: " + e.getMessage(), e);
        }
    }

    /** Whether nobody holds lock {@code name} right now (a snapshot: it may be taken the next moment). */
    public boolean isFree(String name) {
        try (Connection connection = dataSource.getConnection()) {
            return call(connection, "SELECT IS_FREE_LOCK(?)", name);
        } catch (SQLException e) {
            throw new IllegalStateException("the database lock " + name + " failed: " + e.getMessage(), e);
        }
    }

    private static void release(Connection connection, String name) {
        try {
            call(connection, "SELECT RELEASE_LOCK(?)", name);
        } catch (SQLException e) {
            // the connection is gone, and the lock with it; the work's own outcome is what the caller must see
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
