package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import network.mmc.jobs.MmcHubApplication;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a settling Hub process in the middle of its write transaction, then a restart. */
class SettlementCrashIT extends SettlementIntegrationTest {


    @Test
    void aKilledSettlementRestartsToExactlyTheCleanResult(@TempDir Path dir) throws Exception {
        SettlementWindow window = aWindowWithCalls();
        TestDatabase db = TestDatabase.get();
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dspring.datasource.url=" + db.url(), "-Dspring.datasource.username=" + db.user(),
                "-Dspring.datasource.password=" + db.password(), "-Dmmc.settlement.failure-drill-pause=PT120S",
                MmcHubApplication.class.getName(), "settle", "--window", window.start().toString()))
                .redirectErrorStream(true).start();
        boolean paused = false;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.contains("pausing before the ledger")) {
                    paused = true;
                    break;
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(paused).as("the child reached the write step").isTrue();
        assertThat(runs.latest(window)).as("nothing of the killed run is visible").isEmpty();

        SettlementRun restarted = settlement.settle(window);

        SettlementExport.Files files = export.export(window, null, dir);
        Path clean = SettlementFixtures.audit(files.nodes(), files.calls(), window, dir.resolve("clean.json"));
        assertThat(restarted.revision()).isEqualTo(1);
        assertThat(Files.readString(files.result())).isEqualTo(Files.readString(clean));
        Long ledgerRows = jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE run_id = ?", Long.class, restarted.id());
        Long wallets = jdbc.queryForObject("SELECT COUNT(DISTINCT owner_wallet) FROM node_settlement WHERE run_id = ?"
                + " AND reward > 0", Long.class, restarted.id());
        assertThat(ledgerRows).isEqualTo(wallets);
    }
}
