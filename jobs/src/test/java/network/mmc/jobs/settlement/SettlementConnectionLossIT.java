package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;

/** The database drops the settling connection mid-run: the run fails cleanly and a restart completes it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mmc.settlement.failure-drill-pause=PT3S")
class SettlementConnectionLossIT extends SettlementIntegrationTest {


    @Test
    void aDroppedConnectionFailsTheRunAndARestartCompletesIt(@TempDir Path dir) throws Exception {
        SettlementWindow window = aWindowWithCalls();
        CompletableFuture<Throwable> firstAttempt = CompletableFuture.supplyAsync(() -> {
            try {
                settlement.settle(window);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(1_500);
        TestDatabase db = TestDatabase.get();
        try (Connection admin = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement statement = admin.createStatement()) {
            List<Long> pooled = new ArrayList<>();
            try (ResultSet ids = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST"
                    + " WHERE DB = DATABASE() AND ID <> CONNECTION_ID()")) {
                while (ids.next()) {
                    pooled.add(ids.getLong(1));
                }
            }
            for (long id : pooled) {
                statement.execute("KILL CONNECTION " + id);
            }
        }

        Throwable failure = firstAttempt.get(60, TimeUnit.SECONDS);
        assertThat(failure).isNotNull().hasMessageMatching("(?s).*ended (FAILED|UNKNOWN).*Connection.*");
        assertThat(runs.latest(window)).isEmpty();

        SettlementRun restarted = settlement.settle(window);

        SettlementExport.Files files = export.export(window, null, dir);
        Path clean = SettlementFixtures.audit(files.nodes(), files.calls(), window, dir.resolve("clean.json"));
        assertThat(restarted.revision()).isEqualTo(1);
        assertThat(Files.readString(files.result())).isEqualTo(Files.readString(clean));
    }
}
