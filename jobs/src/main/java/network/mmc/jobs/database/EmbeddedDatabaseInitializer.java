package network.mmc.jobs.database;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no {@code spring.datasource.url} configured, starts the embedded MariaDB before the context refreshes (or
 * connects to the one another Hub process runs on the same data dir) and points the data source at it. In every case
 * tells Hibernate the dialect (Connector/J's keyword probe fails on MariaDB under Hibernate 7) and the server's version
 * ({@link ServerDialect}), and has the pool's connections keep times' fractions on MariaDB 10.x
 * ({@link MariaDbFractionalSeconds}).
 */
public final class EmbeddedDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String URL_PROPERTY = "spring.datasource.url";
    static final String DIALECT_PROPERTY = ServerDialect.DIALECT;
    static final String INTERCEPTORS_PROPERTY = "spring.datasource.hikari.data-source-properties."
            + MariaDbFractionalSeconds.PROPERTY;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Map<String, Object> properties = new HashMap<>();
        if (!environment.containsProperty(URL_PROPERTY)) {
            Path dataDir = Path.of(environment.getProperty("mmc.database.embedded.data-dir", "data/mariadb"));
            String database = environment.getProperty("mmc.database.embedded.name", "mmc");
            // on stderr: stdout holds only a command's own output
            String bufferPoolSize = environment.getProperty("mmc.database.embedded.buffer-pool-size",
                    EmbeddedMariaDb.DEFAULT_BUFFER_POOL_SIZE);
            EmbeddedMariaDb db = EmbeddedMariaDb.open(dataDir, database, bufferPoolSize,
                    line -> System.err.println("mmc-hub: " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-mariadb-stop"));
            stopAfterTheBeans(context, db);
            properties.put(URL_PROPERTY, db.jdbcUrl(database));
            properties.put("spring.datasource.username", db.user());
            properties.put("spring.datasource.password", db.password());
        }
        // a configured URL need not name it: the pool's connections get it in any case
        properties.put(INTERCEPTORS_PROPERTY, MariaDbFractionalSeconds.class.getName());
        if (!environment.containsProperty(DIALECT_PROPERTY)) {
            String url = (String) properties.getOrDefault(URL_PROPERTY, environment.getProperty(URL_PROPERTY));
            String user = (String) properties.getOrDefault("spring.datasource.username",
                    environment.getProperty("spring.datasource.username", "root"));
            String password = (String) properties.getOrDefault("spring.datasource.password",
                    environment.getProperty("spring.datasource.password", ""));
            ServerDialect.detect(url, user, password).forEach((key, value) -> {
                if (!environment.containsProperty(key)) {
                    properties.put(key, value);
                }
            });
        }
        environment.getPropertySources().addFirst(new MapPropertySource("mmcDatabase", properties));
    }

    /**
     * Stops the server once the context has destroyed its beans, not when it announces that it closes: the beans that
     * still write as they stop (the task dispatcher's last answers, the mail outbox, Quartz, the pool) need it until
     * then. Disposable beans go in the reverse of their registration, and this one is registered before any other.
     */
    private static void stopAfterTheBeans(ConfigurableApplicationContext context, EmbeddedMariaDb db) {
        if (!(context.getBeanFactory() instanceof DefaultSingletonBeanRegistry beans)) {
            throw new IllegalStateException("cannot stop the embedded MariaDB after the beans of a "
                    + context.getClass().getName());
        }
        beans.registerDisposableBean("mmcEmbeddedMariaDbStop", db::close);
    }
}
