package network.mmc.jobs.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The embedded server an application context starts lives as long as the context's beans do. */
class EmbeddedDatabaseInitializerIT {

    @TempDir
    Path home;

    @Test
    void beansStoppingWithTheContextStillReachTheEmbeddedServerWhichStopsAfterThem() {
        // given: a context on the embedded server with a bean that writes while it is destroyed, as the task
        // dispatcher does with its last answers
        GenericApplicationContext context = new GenericApplicationContext();
        // the integration tests' JVM names its shared server in a system property: this context starts its own
        context.getEnvironment().getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        context.getEnvironment().getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "mmc.database.embedded.data-dir", home.resolve("mariadb").toString(),
                "mmc.database.embedded.buffer-pool-size", "16M")));
        new EmbeddedDatabaseInitializer().initialize(context);
        Environment environment = context.getEnvironment();
        String url = environment.getRequiredProperty(EmbeddedDatabaseInitializer.URL_PROPERTY);
        String user = environment.getRequiredProperty("spring.datasource.username");
        String password = environment.getRequiredProperty("spring.datasource.password");
        AtomicReference<Object> writtenWhileStopping = new AtomicReference<>();
        context.registerBean("writesAsItStops", DisposableBean.class, () -> () -> {
            try (Connection connection = DriverManager.getConnection(url, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE stopped_at (id INT PRIMARY KEY)");
                statement.execute("INSERT INTO stopped_at VALUES (1)");
                try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM stopped_at")) {
                    rows.next();
                    writtenWhileStopping.set(rows.getInt(1));
                }
            } catch (SQLException e) {
                writtenWhileStopping.set(e);
            }
        });
        context.refresh();

        // when
        context.close();

        // then
        assertThat(writtenWhileStopping.get()).isEqualTo(1);
        assertThatThrownBy(() -> DriverManager.getConnection(url, user, password).close())
                .isInstanceOf(SQLException.class);
    }
}
