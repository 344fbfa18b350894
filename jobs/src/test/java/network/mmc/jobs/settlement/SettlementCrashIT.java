package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.PauseBeforeLedger;
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
        List<String> properties = new ArrayList<>(TestDatabase.get().datasourceProperties());
        properties.add(PauseBeforeLedger.CHILD_PROPERTY);
        boolean paused;
        try (ChildHub child = ChildHub.start(properties, "settle", "--window", window.start().toString())) {
            paused = child.awaitLine(PauseBeforeLedger.PAUSED, 120);
            child.kill();
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
