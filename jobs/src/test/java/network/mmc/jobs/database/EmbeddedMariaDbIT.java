package network.mmc.jobs.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded server as {@code serve} starts it by default: loopback only, grant tables on, one generated account. */
class EmbeddedMariaDbIT {

    @TempDir
    static Path home;

    static EmbeddedMariaDb db;

    @BeforeAll
    static void start() {
        db = EmbeddedMariaDb.open(home.resolve("data/mariadb"), "mmc");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void listensOnLoopbackOnly() throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl("mmc"), db.user(), db.password());
             Statement statement = connection.createStatement();
             ResultSet bind = statement.executeQuery("SELECT @@bind_address, @@skip_name_resolve")) {
            bind.next();
            assertThat(bind.getString(1)).isEqualTo("127.0.0.1");
            assertThat(bind.getBoolean(2)).isTrue();
        }
    }

    @Test
    void refusesAnyoneWithoutTheGeneratedCredentials() {
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl("mmc"), "root", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl("mmc"), "intruder", "anything").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl("mmc"), db.user(), db.password() + "x").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl("mmc"), "", "").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
    }

    @Test
    void keepsTheCredentialsInAFileOnlyItsOwnerCanRead() throws Exception {
        Path credentials = home.resolve("data/mariadb-credentials.properties");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");
        assertThat(Files.readString(credentials)).contains("password=" + db.password());
        assertThat(db.password()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void aSecondOpenOnTheSameDataDirUsesTheRunningServer() throws SQLException {
        // when
        try (EmbeddedMariaDb second = EmbeddedMariaDb.open(home.resolve("data/mariadb"), "other")) {
            // then
            assertThat(second.attached()).isTrue();
            assertThat(second.port()).isEqualTo(db.port());
            assertThat(second.password()).isEqualTo(db.password());
        }
        // closing the attached handle leaves the server to the process that started it
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl("other"), db.user(), db.password())) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void aServerFileLeftByADeadProcessIsIgnored(@TempDir Path elsewhere) throws Exception {
        // given: a crashed Hub left its entry, naming a process and a port that are gone
        Path dataDir = elsewhere.resolve("mariadb");
        long deadPid = new ProcessBuilder("true").start().onExit().get().pid();
        Files.writeString(elsewhere.resolve("mariadb-server.properties"), "port=1\npid=" + deadPid + "\n");

        // when
        try (EmbeddedMariaDb fresh = EmbeddedMariaDb.open(dataDir, "mmc")) {
            // then
            assertThat(fresh.attached()).isFalse();
            assertThat(fresh.port()).isNotEqualTo(1);
            assertThat(Files.readString(elsewhere.resolve("mariadb-server.properties")))
                    .contains("port=" + fresh.port()).contains("pid=" + ProcessHandle.current().pid());
        }
        assertThat(elsewhere.resolve("mariadb-server.properties")).doesNotExist();
    }
}
