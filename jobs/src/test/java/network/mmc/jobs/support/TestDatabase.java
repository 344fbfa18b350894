package network.mmc.jobs.support;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import network.mmc.jobs.database.EmbeddedMariaDb;
import network.mmc.jobs.database.JdbcUrls;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One fresh database for this test JVM: on an embedded MariaDB by default, or on the server named by
 * {@code MMC_TEST_DB_URL} (e.g. {@code jdbc:mysql://127.0.0.1:3306/test}; user from {@code MMC_TEST_DB_USER},
 * default root, password from {@code MMC_TEST_DB_PASSWORD}). The database is dropped when the JVM exits.
 */
public final class TestDatabase {

    private static final String NAME = "mmc_it_" + ProcessHandle.current().pid();
    private static volatile TestDatabase instance;

    private final String url;
    private final String name;
    private final String user;
    private final String password;
    private final String host;
    private final int port;

    private TestDatabase(String host, int port, String database, String user, String password) {
        this.url = JdbcUrls.mysql(host, port, database);
        this.name = database;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
            System.setProperty("spring.datasource.url", instance.url);
            System.setProperty("spring.datasource.username", instance.user);
            System.setProperty("spring.datasource.password", instance.password);
        }
        return instance;
    }

    private static TestDatabase start() {
        String external = System.getenv("MMC_TEST_DB_URL");
        if (external != null && !external.isBlank()) {
            URI server = URI.create(external.substring("jdbc:".length()));
            String user = System.getenv().getOrDefault("MMC_TEST_DB_USER", "root");
            String password = System.getenv().getOrDefault("MMC_TEST_DB_PASSWORD", "");
            String admin = JdbcUrls.mysql(server.getHost(), server.getPort() < 0 ? 3306 : server.getPort(), "");
            execute(admin, user, password, "CREATE DATABASE `" + NAME + "`");
            Runtime.getRuntime().addShutdownHook(new Thread(() ->
                    execute(admin, user, password, "DROP DATABASE IF EXISTS `" + NAME + "`")));
            return new TestDatabase(server.getHost(), server.getPort() < 0 ? 3306 : server.getPort(), NAME, user, password);
        }
        try {
            Path dataDir = Files.createTempDirectory("mmc-it-mariadb");
            EmbeddedMariaDb db = EmbeddedMariaDb.open(dataDir.resolve("mariadb"), NAME);
            Runtime.getRuntime().addShutdownHook(new Thread(db::close));
            return new TestDatabase("127.0.0.1", db.port(), NAME, db.user(), db.password());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("no temp dir for the embedded test database", e);
        }
    }

    private static void execute(String url, String user, String password, String sql) {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url + ": " + e.getMessage(), e);
        }
    }

    /** Another empty database on the same server, for tests that need the whole schema to themselves. */
    public TestDatabase sibling(String suffix) {
        String name = NAME + "_" + suffix;
        String admin = JdbcUrls.mysql(host, port, "");
        execute(admin, user, password, "CREATE DATABASE IF NOT EXISTS `" + name + "`");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> execute(admin, user, password, "DROP DATABASE IF EXISTS `" + name + "`")));
        return new TestDatabase(host, port, name, user, password);
    }

    /** The same database reached through another port on loopback, such as a {@link CuttableProxy}'s. */
    public TestDatabase throughPort(int otherPort) {
        return new TestDatabase("127.0.0.1", otherPort, name, user, password);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code spring.datasource.*=…} for another Hub process on this database. */
    public List<String> datasourceProperties() {
        return List.of("spring.datasource.url=" + url, "spring.datasource.username=" + user,
                "spring.datasource.password=" + password);
    }

    /** Points a test class's Hub at this database (call it from the class's {@code @DynamicPropertySource}). */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", this::url);
        registry.add("spring.datasource.username", this::user);
        registry.add("spring.datasource.password", this::password);
    }

    public String url() {
        return url;
    }

    /** The database's name on its server. */
    public String name() {
        return name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }
}
