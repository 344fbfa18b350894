package network.mmc.jobs.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Properties;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestDatabase;
import org.hibernate.dialect.DatabaseVersion;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Times keep their microseconds on every server the tests run on (on MariaDB 10.x, whose handshake says 5.5.5,
 * Connector/J dropped them), and Hibernate is not told the 5.5.5 of their handshake.
 */
class ServerTimesIT extends HubIntegrationTest {

    private static final Instant MICROS = Instant.parse("2026-03-01T10:00:00.123456Z");

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    EntityManagerFactory entityManagerFactory;

    @Test
    void thePoolsConnectionsSendFractionalSeconds() {
        Timestamp back = jdbc.queryForObject("SELECT CAST(? AS DATETIME(6))", Timestamp.class, UtcTimestamps.of(MICROS));

        assertThat(UtcTimestamps.toInstant(back)).isEqualTo(MICROS);
        assertThat(dataSource.getDataSourceProperties())
                .containsEntry(MariaDbFractionalSeconds.PROPERTY, MariaDbFractionalSeconds.class.getName());
    }

    @Test
    void aConfiguredUrlWithoutTheOptionKeepsThemThroughThePoolsProperty() throws Exception {
        // given: the URL an operator might write, with the driver property the Hub gives its pool
        TestDatabase db = TestDatabase.get();
        String plain = db.url().substring(0, db.url().indexOf('?')) + "?connectionTimeZone=UTC"
                + "&forceConnectionTimeZoneToSession=true&allowPublicKeyRetrieval=true&useSSL=false";
        Properties properties = new Properties();
        properties.putAll(dataSource.getDataSourceProperties());
        properties.setProperty("user", db.user());
        properties.setProperty("password", db.password());

        // when
        LocalDateTime back;
        try (Connection connection = DriverManager.getConnection(plain, properties);
             PreparedStatement select = connection.prepareStatement("SELECT CAST(? AS DATETIME(6))")) {
            select.setObject(1, LocalDateTime.parse("2026-03-01T10:00:00.654321"));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                back = row.getObject(1, LocalDateTime.class);
            }
        }

        // then
        assertThat(back).isEqualTo(LocalDateTime.parse("2026-03-01T10:00:00.654321"));
    }

    @Test
    void hibernateIsNotToldTheHandshakes555() {
        DatabaseVersion version = entityManagerFactory.unwrap(SessionFactoryImplementor.class).getJdbcServices()
                .getDialect().getVersion();
        String[] server = jdbc.queryForObject("SELECT VERSION()", String.class).split("[.-]");

        // on MariaDB 11.4 the dialect reports 10.6, its minimum: what matters is that it is not 5.5 (MySQL 8 passes too)
        assertThat(version.getDatabaseMajorVersion()).as("Hibernate's version %s", version).isGreaterThanOrEqualTo(8);
        assertThat(version.isAfter(Integer.parseInt(server[0]), Integer.parseInt(server[1]))).isFalse();
    }
}
