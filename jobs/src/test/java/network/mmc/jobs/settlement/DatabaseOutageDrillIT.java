package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import network.mmc.jobs.calls.CallRecordLoader;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.support.CuttableProxy;
import network.mmc.jobs.support.PauseBeforeLedger;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.scheduler.ScheduledWork;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failure drill: the database goes away for {@value #OUTAGE_SECONDS} s while the scheduled settlement is inside its
 * write transaction. That run fails naming the window; the next scheduled run settles it, and nothing is written
 * twice. The Hub reaches its database through a loopback proxy the test cuts; on a database of its own, since the
 * scheduled settlement settles every due window.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles(PauseBeforeLedger.PROFILE)
class DatabaseOutageDrillIT {

    private static final long OUTAGE_SECONDS = 30;
    private static final TestDatabase DB = TestDatabase.get().sibling("outage");
    private static final CuttableProxy PROXY = CuttableProxy.to(DB.host(), DB.port());

    @Autowired
    ScheduledWork scheduledWork;

    @Autowired
    PauseBeforeLedger pause;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CallRecordLoader loader;

    @Autowired
    SettlementRuns runs;

    @Autowired
    SettlementExport export;

    @Autowired
    Clock clock;

    @DynamicPropertySource
    static void databaseBehindTheProxy(DynamicPropertyRegistry registry) {
        DB.throughPort(PROXY.port()).register(registry);
    }

    @AfterAll
    static void closeProxy() throws Exception {
        PROXY.close();
    }

    @Test
    void aThirtySecondOutageFailsTheRunNamingTheWindowAndTheNextScheduledRunSettlesItOnce(@TempDir Path dir)
            throws Exception {
        // given: the scheduled settlement inside its write transaction
        SettlementWindow window = SettlementWindow.containing(clock.instant().minus(Duration.ofHours(5)),
                Duration.ofHours(2));
        SettlementFixtures.callsIn(window, jdbc, loader);
        pause.arm();
        CompletableFuture<Throwable> scheduled = CompletableFuture.supplyAsync(() -> {
            try {
                scheduledWork.settleDueWindows();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(pause.awaitPaused(Duration.ofSeconds(90))).as("the settlement reached its write transaction").isTrue();

        // when: the database goes away, the run goes on, the database comes back
        long cutAt = System.nanoTime();
        PROXY.cut();
        pause.release();
        Thread.sleep(Math.max(0, TimeUnit.SECONDS.toMillis(OUTAGE_SECONDS)
                - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutAt)));
        PROXY.restore();
        Throwable failure = scheduled.get(120, TimeUnit.SECONDS);
        System.out.println("database outage drill: the run failed with: " + failure);

        // then
        assertThat(failure).as("the run during the outage").isNotNull().hasMessageContaining(window.toString())
                .hasMessageContaining("the database could not be reached");
        assertThat(runs.latest(window)).as("nothing of the failed run is visible").isEmpty();

        scheduledWork.settleDueWindows();

        SettlementRun run = runs.latest(window).orElseThrow();
        assertThat(run.revision()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM settlement_run WHERE window_start = ?", Integer.class,
                UtcTimestamps.of(window.start()))).as("runs of the window").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE run_id = ?", Long.class, run.id()))
                .as("ledger entries, one per rewarded wallet")
                .isEqualTo(jdbc.queryForObject("SELECT COUNT(DISTINCT owner_wallet) FROM node_settlement"
                        + " WHERE run_id = ? AND reward > 0", Long.class, run.id()));
        SettlementExport.Files files = export.export(window, null, dir);
        Path clean = SettlementFixtures.audit(files.nodes(), files.calls(), window, dir.resolve("clean.json"));
        assertThat(Files.readString(files.result())).isEqualTo(Files.readString(clean));
    }
}
