package network.mmc.jobs.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.cli.InProcessCommands;
import network.mmc.jobs.csv.CsvReader;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.RewardReruns;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Element;

/** A settled window re-run four times: its reports over REST and from {@code runs report}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RunReportIT extends HubIntegrationTest {

    private static final InProcessCommands COMMANDS = new InProcessCommands();

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    RunReports reports;

    private RewardReruns reruns;
    private HubClient finance;

    @BeforeAll
    void settleAndRerun() {
        reruns = RewardReruns.create(jdbc, loader, settlement, runs);
        finance = hub().withKey(apiKeys.create(Role.FINANCE, "finance"));
    }

    @AfterAll
    static void closeCommands() {
        COMMANDS.close();
    }

    @Test
    void eachRevisionsWalletCsvShowsPreviousNewAndTheCorrectionPostedToTheBaseUnit() {
        List<Long> amounts = reruns.rerunAmounts();
        for (int revision = 1; revision <= amounts.size(); revision++) {
            List<List<String>> rows = records(finance.get(path("report-wallets.csv") + "?revision=" + revision).text());

            long previous = revision == 1 ? 0 : amounts.get(revision - 2);
            long current = amounts.get(revision - 1);
            assertThat(rows.get(0)).containsExactly("wallet", "previous_base_units", "this_revision_base_units",
                    "posted_base_units");
            assertThat(rows).as("revision %d", revision).filteredOn(row -> row.get(0).equals(reruns.wallet()))
                    .singleElement().isEqualTo(List.of(reruns.wallet(), Long.toString(previous), Long.toString(current),
                            Long.toString(current - previous)));
            assertThat(rows.subList(1, rows.size())).as("every wallet's posted line is new minus previous")
                    .allSatisfy(row -> assertThat(Long.parseLong(row.get(3)))
                            .isEqualTo(Long.parseLong(row.get(2)) - Long.parseLong(row.get(1))));
        }
    }

    @Test
    void theHtmlReportOfAReRunNamesReasonOperatorAndHowToAuditItAndEmbedsItsCharts() {
        HubClient.Response html = finance.get(path("report.html") + "?revision=2");

        assertThat(html.status()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(html.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                .endsWith("filename=settlement-" + fileTime() + "-r2.html"));
        assertThat(html.text()).contains("Re-run: stake was recorded late (operator alice)",
                runs.get(reruns.rerunWindow(), 2).inputSha256(), "audit --from-export");
        assertThat(SvgDocuments.embedded(html.text())).as("five embedded charts").hasSize(5);
        assertThat(html.headers().firstValue("Content-Security-Policy")).hasValue("default-src 'none';"
                + " style-src 'unsafe-inline'; img-src data:");
    }

    @Test
    void theRecentWindowsShowEachWindowsLatestCompletedRevisionAndItsProbeOutcomes() {
        SettlementWindow later = reruns.laterWindow();
        String round = "report-it-" + later.start().getEpochSecond();
        jdbc.update("INSERT INTO probe_round (round_id, validator_id, started_at, n, k) VALUES (?, 'v', ?, 4, 1)",
                round, UtcTimestamps.of(later.start()));
        List<String> statuses = List.of("SUCCESS", "SUCCESS", "TIMEOUT", "WRONG_RESULT");
        for (int i = 0; i < statuses.size(); i++) {
            jdbc.update("INSERT INTO probe_target (round_id, node_id) VALUES (?, ?)", round, "probed-" + i);
            jdbc.update("INSERT INTO probe_result (round_id, node_id, status, called_at, latency_ms) VALUES (?, ?, ?, ?, 5)",
                    round, "probed-" + i, statuses.get(i), UtcTimestamps.of(later.start().plusSeconds(60L * i)));
        }

        List<WindowTotals> history = reports.report(later, null).history();

        assertThat(history).hasSize(WindowTotals.WINDOWS);
        assertThat(history.get(history.size() - 1).start()).isEqualTo(later.start());
        assertThat(history.get(history.size() - 1).probes()).containsExactly(entry("SUCCESS", 2L), entry("FAILED", 0L),
                entry("TIMEOUT", 1L), entry("WRONG_RESULT", 1L));
        SettlementRun latest = runs.get(reruns.rerunWindow(), reruns.rerunAmounts().size());
        assertThat(history).as("the re-run window at its last revision")
                .filteredOn(w -> w.start().equals(reruns.rerunWindow().start())).singleElement()
                .extracting(WindowTotals::credits, WindowTotals::pool).containsExactly(runs.nodes(latest.id()).stream()
                        .mapToLong(NodeSettlementLine::credits).sum(), latest.pool());
    }

    @Test
    void theChartDownloadsArePngsOfTheStatedSize() throws IOException {
        for (String chart : List.of("report-rewards.png", "report-lorenz.png", "report-credits.png",
                "report-probes.png", "report-emission.png")) {
            HubClient.Download png = finance.download(path(chart));

            assertThat(png.status()).isEqualTo(200);
            assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
            assertSize(png.bytes());
        }
    }

    @Test
    void theChartDownloadsAreAlsoSvgsOfTheStatedSizeThatScale() throws Exception {
        for (String chart : RunCharts.NAMES) {
            HubClient.Download svg = finance.download(path("report-" + chart + ".svg"));

            assertThat(svg.status()).isEqualTo(200);
            assertThat(svg.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
            assertThat(svg.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                    .endsWith("filename=settlement-" + fileTime() + "-r" + reruns.rerunAmounts().size() + "-" + chart
                            + ".svg"));
            assertSvgSize(new String(svg.bytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void errorsAreProblemsAndOnlyFinanceOrOpsMayRead() {
        HubClient.Response missing = finance.get(path("report.html") + "?revision=99");
        HubClient.Response unknownKind = finance.get(path("report.pdf"));

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("detail").asString()).contains("has no revision 99");
        assertThat(unknownKind.status()).isEqualTo(400);
        assertThat(unknownKind.body().get("detail").asString()).contains("'report.pdf' is not one of");
        assertThat(hub().get(path("report.html")).status()).isEqualTo(401);
        assertThat(hub().withKey(apiKeys.create(Role.INGEST, "ingest")).get(path("report.html")).status()).isEqualTo(403);
    }

    @Test
    void runsReportWritesEveryFormWithNamesWithoutColons(@TempDir Path dir) throws Exception {
        InProcessCommands.Output output = COMMANDS.run("runs", "report", reruns.rerunWindow().start().toString(),
                "--revision", "3", "--out", dir.toString());

        assertThat(output.exitCode()).as(output.err()).isZero();
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        String base = "settlement-" + fileTime() + "-r3";
        assertThat(names).containsExactly(base + "-credits.png", base + "-credits.svg", base + "-emission.png",
                base + "-emission.svg", base + "-lorenz.png", base + "-lorenz.svg", base + "-nodes.csv",
                base + "-probes.png", base + "-probes.svg", base + "-rewards.png", base + "-rewards.svg",
                base + "-wallets.csv", base + ".html");
        assertThat(Files.readString(dir.resolve(base + ".html"))).contains("node suspended for wrong results (operator bob)");
        for (String chart : RunCharts.NAMES) {
            assertSize(Files.readAllBytes(dir.resolve(base + "-" + chart + ".png")));
            assertSvgSize(Files.readString(dir.resolve(base + "-" + chart + ".svg")));
        }
        assertThat(records(Files.readString(dir.resolve(base + "-nodes.csv")))).hasSize(1 + runs.nodes(
                runs.get(reruns.rerunWindow(), 3).id()).size());
        assertThat(output.out()).contains("wrote " + dir.resolve(base + ".html"));
    }

    @Test
    void runsReportOfAnUnsettledWindowIsOneLineAndExitCode2(@TempDir Path dir) {
        InProcessCommands.Output output = COMMANDS.run("runs", "report", "2020-01-01T00:00Z", "--out", dir.toString());

        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).startsWith("mmc-hub: ").contains("2020-01-01T00:00:00Z").hasLineCount(1);
    }

    private String path(String kind) {
        return "/api/settlements/" + reruns.rerunWindow().start() + "/" + kind;
    }

    private String fileTime() {
        return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC)
                .format(reruns.rerunWindow().start());
    }

    private static void assertSize(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(RunCharts.WIDTH);
        assertThat(image.getHeight()).isEqualTo(RunCharts.HEIGHT);
    }

    private static void assertSvgSize(String svg) throws Exception {
        Element root = SvgDocuments.parse(svg);
        assertThat(SvgDocuments.width(root)).isEqualTo(RunCharts.WIDTH);
        assertThat(SvgDocuments.height(root)).isEqualTo(RunCharts.HEIGHT);
        assertThat(SvgDocuments.viewBox(root)).containsExactly(0.0, 0.0, (double) RunCharts.WIDTH,
                (double) RunCharts.HEIGHT);
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
