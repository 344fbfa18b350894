package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import network.mmc.jobs.cli.InProcessCommands;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

/** A run keeps the terms it was computed with, and its export carries them to the audit. */
@TestPropertySource(properties = {"mmc.settlement.cap-k=0.5", "mmc.settlement.min-cap-nodes=2"})
class NonDefaultTermsAuditIT extends SettlementIntegrationTest {

    private static final InProcessCommands COMMANDS = new InProcessCommands();

    @AfterAll
    static void closeCommands() {
        COMMANDS.close();
    }

    @Test
    void aRunMadeWithNonDefaultTermsPassesTheAuditOfItsExportWithNoParamGiven(@TempDir Path dir) throws Exception {
        SettlementWindow window = aWindowWithCalls();
        SettlementRun run = settlement.settle(window);
        SettlementExport.Files files = export.export(window, null, dir);

        InProcessCommands.Output audited = COMMANDS.run("audit", "--from-export", dir.toString(), "--out",
                dir.resolve("audit.json").toString());
        InProcessCommands.Output withDefaults = COMMANDS.run("audit", "--nodes", files.nodes().toString(), "--calls",
                files.calls().toString(), "--pool", Long.toString(run.pool()), "--base-units", "--out",
                dir.resolve("defaults.json").toString());

        assertThat(run.parameters()).containsEntry("cap-k", "0.5").containsEntry("min-cap-nodes", "2");
        assertThat(COMMANDS.run("runs", "show", window.start().toString()).out())
                .contains("terms period=PT2H z=1.959963984540054 min-cap-nodes=2 cap-k=0.5 ");
        assertThat(runs.get(window, run.revision()).parameters()).isEqualTo(run.parameters());
        assertThat(audited.exitCode()).as(audited.err()).isZero();
        assertThat(audited.out()).contains("matches " + files.result() + " byte for byte");
        assertThat(Files.readString(dir.resolve("audit.json"))).isEqualTo(Files.readString(files.result()));
        // the same files under the default terms settle otherwise: the recorded terms are what made the match
        assertThat(withDefaults.exitCode()).as(withDefaults.err()).isZero();
        assertThat(Files.readString(dir.resolve("defaults.json"))).isNotEqualTo(Files.readString(files.result()));
    }

    @Test
    void anAuditThatDiffersFromTheExportSaysSoAndFails(@TempDir Path dir) throws Exception {
        SettlementWindow window = aWindowWithCalls();
        settlement.settle(window);
        SettlementExport.Files files = export.export(window, null, dir);
        Files.writeString(files.result(), Files.readString(files.result()).replace("\"cap-k\" : \"0.5\"",
                "\"cap-k\" : \"10.0\""));

        InProcessCommands.Output audited = COMMANDS.run("audit", "--from-export", dir.toString(), "--out",
                dir.resolve("audit.json").toString());

        assertThat(audited.exitCode()).isEqualTo(1);
        assertThat(audited.err()).contains("DIFFERS from " + files.result());
    }

    @Test
    void fromExportTakesNoOtherInputs(@TempDir Path dir) {
        InProcessCommands.Output refused = COMMANDS.run("audit", "--from-export", dir.toString(), "--param", "cap-k=3",
                "--out", dir.resolve("audit.json").toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--from-export takes the files, pool and terms of the export");
    }
}
