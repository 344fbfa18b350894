package network.mmc.jobs.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells Hibernate which server it talks to, from {@code SELECT VERSION()}: MariaDBDialect or MySQLDialect, and the
 * server's version. Connector/J reports MariaDB 10.x as 5.5.5 (the prefix of its handshake), which Hibernate would
 * take for a server too old for fractional seconds and much else.
 */
final class ServerDialect {

    static final String DIALECT = "spring.jpa.properties.hibernate.dialect";
    static final String VERSION = "spring.jpa.properties.jakarta.persistence.database-product-version";
    static final String MAJOR = "spring.jpa.properties.jakarta.persistence.database-major-version";
    static final String MINOR = "spring.jpa.properties.jakarta.persistence.database-minor-version";

    private static final Pattern NUMBERS = Pattern.compile("^(\\d+)\\.(\\d+)\\.(\\d+)");

    private ServerDialect() {
    }

    /** The Hibernate properties for the server at {@code url}: dialect, and version when it reads as one. */
    static Map<String, Object> detect(String url, String user, String password) {
        String version = version(url, user, password);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(DIALECT, version.toLowerCase().contains("mariadb")
                ? "org.hibernate.dialect.MariaDBDialect"
                : "org.hibernate.dialect.MySQLDialect");
        Matcher numbers = NUMBERS.matcher(version);
        if (numbers.find()) {
            properties.put(VERSION, numbers.group());
            properties.put(MAJOR, numbers.group(1));
            properties.put(MINOR, numbers.group(2));
        }
        return properties;
    }

    private static String version(String url, String user, String password) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery("SELECT VERSION()")) {
            version.next();
            return version.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database at " + url + ": " + e.getMessage(), e);
        }
    }
}
