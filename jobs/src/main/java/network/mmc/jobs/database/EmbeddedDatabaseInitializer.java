package network.mmc.jobs.database;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With no {@code spring.datasource.url} configured, starts the embedded MariaDB before the context refreshes (or
 * connects to the one another Hub process runs on the same data dir) and points the data source at it; in every case picks the Hibernate dialect from the server's version,
 * since Connector/J's keyword probe fails on MariaDB under Hibernate 7.
 */
public final class EmbeddedDatabaseInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String URL_PROPERTY = "spring.datasource.url";
    static final String DIALECT_PROPERTY = "spring.jpa.properties.hibernate.dialect";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        Map<String, Object> properties = new HashMap<>();
        if (!environment.containsProperty(URL_PROPERTY)) {
            Path dataDir = Path.of(environment.getProperty("mmc.database.embedded.data-dir", "data/mariadb"));
            String database = environment.getProperty("mmc.database.embedded.name", "mmc");
            // on stderr: stdout holds only a command's own output
            EmbeddedMariaDb db = EmbeddedMariaDb.open(dataDir, database, line -> System.err.println("mmc-hub: " + line));
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-mariadb-stop"));
            context.addApplicationListener(event -> {
                if (event instanceof ContextClosedEvent) {
                    db.close();
                }
            });
            properties.put(URL_PROPERTY, db.jdbcUrl(database));
            properties.put("spring.datasource.username", db.user());
            properties.put("spring.datasource.password", db.password());
        }
        if (!environment.containsProperty(DIALECT_PROPERTY)) {
            String url = (String) properties.getOrDefault(URL_PROPERTY, environment.getProperty(URL_PROPERTY));
            String user = (String) properties.getOrDefault("spring.datasource.username",
                    environment.getProperty("spring.datasource.username", "root"));
            String password = (String) properties.getOrDefault("spring.datasource.password",
                    environment.getProperty("spring.datasource.password", ""));
            properties.put(DIALECT_PROPERTY, ServerDialect.detect(url, user, password));
        }
        environment.getPropertySources().addFirst(new MapPropertySource("mmcDatabase", properties));
    }
}
