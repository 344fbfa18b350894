package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.csv.CsvReader;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** A run's CSV files with ids that break naive CSV: commas, quotes, line breaks, spreadsheet formulas. */
class SettlementExportIT extends SettlementIntegrationTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String OWNER = "=HYPERLINK(\"x\",\"y\"),1";
    private static final List<String> NODES = List.of("node,with,commas", "say \"hi\"", "=cmd|' /C calc'!A0", "-5",
            "@SUM(1)", "two\nlines\r\nthree");

    /** No exponent, no trailing zeros after the point. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d+(\\.\\d*[1-9])?");

    private final List<String> nodes = new ArrayList<>();

    @Autowired
    ApiKeys apiKeys;

    @Test
    void anExportWithHostileIdsIsReproducedExactlyByTheOfflineAudit(@TempDir Path dir) throws Exception {
        SettlementWindow window = aWindowWithHostileIds();

        SettlementRun run = settlement.settle(window);
        SettlementExport.Files files = export.export(window, null, dir);
        Path auditJson = SettlementFixtures.audit(files.nodes(), files.calls(), window, dir.resolve("audit.json"));

        assertThat(runs.nodes(run.id())).extracting(NodeSettlementLine::nodeId).containsAll(nodes);
        assertThat(runs.nodes(run.id())).filteredOn(n -> OWNER.equals(n.ownerWallet()))
                .anySatisfy(n -> assertThat(n.selfDealt()).isPositive());
        assertThat(Files.readString(files.nodes())).contains("\"node,with,commas", "\"say \"\"hi\"\"",
                "\n=cmd|' /C calc'!A0", "\n-5");
        assertThat(Files.readString(auditJson)).isEqualTo(Files.readString(files.result()));
    }

    @Test
    void theCsvDownloadKeepsColumnsAndDefusesFormulasButNotNumbers() {
        SettlementWindow window = aWindowWithHostileIds();
        SettlementRun run = settlement.settle(window);
        HubClient finance = hub().withKey(apiKeys.create(Role.FINANCE, "finance"));

        List<List<String>> rows = records(finance.get("/api/settlements/" + window.start() + "/nodes.csv").text());

        assertThat(rows).hasSize(1 + runs.nodes(run.id()).size()).allSatisfy(row -> assertThat(row).hasSize(9));
        assertThat(rows).extracting(row -> row.get(0)).contains(nodes.get(0), nodes.get(1), "'" + nodes.get(2),
                "'" + nodes.get(3), "'" + nodes.get(4), nodes.get(5));
        assertThat(rows).extracting(row -> row.get(1)).contains("'" + OWNER);
        NodeSettlementLine line = runs.nodes(run.id()).stream().filter(n -> n.nodeId().equals(nodes.get(3)))
                .findFirst().orElseThrow();
        assertThat(rows).filteredOn(row -> row.get(0).equals("'" + nodes.get(3))).singleElement()
                .satisfies(row -> assertThat(row.subList(2, 9)).containsExactly(Long.toString(line.calls()),
                        Long.toString(line.ok()), Long.toString(line.credits()), Long.toString(line.selfDealt()),
                        row.get(6), row.get(7), Long.toString(line.reward())))
                .satisfies(row -> assertThat(row.subList(6, 8)).allMatch(PLAIN_DECIMAL.asMatchPredicate()))
                .satisfies(row -> assertThat(Double.parseDouble(row.get(6))).isCloseTo(line.quality(), within(5e-7)))
                .satisfies(row -> assertThat(new BigDecimal(row.get(7))).isEqualByComparingTo(line.weight()));
    }

    /**
     * A window with the usual six nodes and calls, plus six nodes with hostile ids (kept in {@link #nodes}), some
     * owned by a hostile wallet that also calls them.
     */
    private SettlementWindow aWindowWithHostileIds() {
        SettlementWindow window = aWindowWithCalls();
        String tag = " #" + window.start().getEpochSecond();
        for (int n = 0; n < NODES.size(); n++) {
            nodes.add(NODES.get(n) + tag);
            aNode(nodes.get(n), n % 2 == 0 ? OWNER : null, n * 3_000_000_000_000L);
            for (int c = 0; c < 12; c++) {
                aCall(window, "=event," + n + ",\"" + c + "\"\n" + tag, nodes.get(n), c == 1 ? OWNER : "\"caller\",-" + c,
                        c % 4 == 0 ? "FAILED" : "SUCCESS", 100L * (c + n + 1), 60L * c + n);
            }
        }
        return window;
    }

    private void aNode(String nodeId, String owner, long stake) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        jdbc.update("INSERT INTO node (node_id, public_key, kind, owner_wallet, stake, registered_at)"
                + " VALUES (?, ?, 'COMPUTING', ?, ?, NOW(6))", nodeId, key, owner, stake);
    }

    private void aCall(SettlementWindow window, String eventId, String nodeId, String callerWallet, String status,
                       long credits, long secondsIn) {
        // after the fixture's calls: ids grow with the receipt time, as settlement's id range expects
        Timestamp at = UtcTimestamps.of(window.start().plusSeconds(3_600 + secondsIn));
        jdbc.update("INSERT INTO call_record (event_id, node_id, caller_type, caller_wallet, status, credits,"
                + " called_at, recorded_at) VALUES (?, ?, 'API_USER', ?, ?, ?, ?, ?)",
                eventId, nodeId, callerWallet, status, credits, at, at);
    }

    private static List<List<String>> records(String csv) {
        CsvReader reader = new CsvReader(new StringReader(csv));
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row = reader.next(); row != null; row = reader.next()) {
            rows.add(row);
        }
        return rows;
    }
}
