package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.mmc.jobs.support.PauseBeforeLedger;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

/** The database drops the settling connection mid-run: the run fails cleanly and a restart completes it. */
@ActiveProfiles(PauseBeforeLedger.PROFILE)
class SettlementConnectionLossIT extends SettlementIntegrationTest {

    @Autowired
    PauseBeforeLedger pause;

    @Test
    void aDroppedConnectionFailsTheRunAndARestartCompletesIt(@TempDir Path dir) throws Exception {
        pause.arm();
        SettlementWindow window = aWindowWithCalls();
        CompletableFuture<Throwable> firstAttempt = CompletableFuture.supplyAsync(() -> {
            try {
                settlement.settle(window);
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(pause.awaitPaused(Duration.ofSeconds(60))).as("the settlement reached its write transaction").isTrue();
        TestDatabase db = TestDatabase.get();
        try (Connection admin = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement statement = admin.createStatement()) {
            statement.execute("KILL CONNECTION " + pause.settlingConnection());
        }
        pause.release();

        Throwable failure = firstAttempt.get(60, TimeUnit.SECONDS);
        assertThat(failure).isNotNull().hasMessageMatching("(?s).*ended (FAILED|UNKNOWN).*");
        assertThat(runs.latest(window)).isEmpty();
        // when the connection that records the step's end is lost as well, the step stays STARTED under an ended job,
        // which Spring Batch will not restart itself: make it that worst case
        long failed = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);
        assertThat(jdbc.update("UPDATE BATCH_STEP_EXECUTION SET STATUS = 'STARTED', END_TIME = NULL"
                + " WHERE STEP_NAME = 'writeSettlementStep' AND JOB_EXECUTION_ID = ?", failed)).isEqualTo(1);

        SettlementRun restarted = settlement.settle(window);

        SettlementExport.Files files = export.export(window, null, dir);
        Path clean = SettlementFixtures.audit(files.nodes(), files.calls(), window, dir.resolve("clean.json"));
        assertThat(restarted.revision()).isEqualTo(1);
        assertThat(Files.readString(files.result())).isEqualTo(Files.readString(clean));
    }
}
