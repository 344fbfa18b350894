package network.mmc.jobs.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Picks MariaDBDialect or MySQLDialect from {@code SELECT VERSION()}. */
final class ServerDialect {

    private ServerDialect() {
    }

    static String detect(String url, String user, String password) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SELECT VERSION()")) {
            version.next();
            return version.getString(1).toLowerCase().contains("mariadb")
                    ? "org.hibernate.dialect.MariaDBDialect"
                    : "org.hibernate.dialect.MySQLDialect";
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database at " + url + ": " + e.getMessage(), e);
        }
    }
}
