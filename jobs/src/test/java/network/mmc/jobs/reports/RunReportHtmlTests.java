package network.mmc.jobs.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.settlement.SettlementParameters;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class RunReportHtmlTests {

    private static final String HOSTILE_NODE = "<script>alert('x')</script>&\"";
    private static final String HOSTILE_REASON = "<img src=x onerror=alert(1)>";

    @Test
    void storedValuesAreEscapedSoThatNoneBecomesMarkup() {
        RunReport report = aRerunWith(HOSTILE_NODE, HOSTILE_REASON, "=cmd|'/C calc'!A0");

        String html = RunReportHtml.render(report, RunCharts.Charts.of(report));

        assertThat(html).doesNotContain("<script>", "<img src=x", HOSTILE_NODE)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void theNodesCsvDefusesFormulasInEveryTextCell() {
        RunReport report = aRerunWith("@SUM(1)", "r", "=HYPERLINK(1)");

        assertThat(RunReportCsv.nodes(report)).contains("\n'@SUM(1),'=HYPERLINK(1),");
        assertThat(RunReportCsv.wallets(report)).contains("\n'=HYPERLINK(1),");
    }

    @Test
    void aRerunShowsItsReasonOperatorAndEachWalletsPreviousNewAndCorrection() {
        RunReport report = aRerunWith("node-a", "stake recorded late", "WalletA");

        String html = RunReportHtml.render(report, RunCharts.Charts.of(report));

        assertThat(html).contains("Re-run: stake recorded late (operator alice)", "<th>correction</th>",
                "<td>WalletA</td><td class=\"n\">0.000000700</td><td class=\"n\">0.000000650</td>"
                        + "<td class=\"n\">-0.000000050</td>");
    }

    @Test
    void chartsArePngsOfTheStatedSize() throws IOException {
        RunReport report = aRerunWith("node-a", "r", "WalletA");
        RunCharts.Charts charts = RunCharts.Charts.of(report);

        for (RunCharts.Chart chart : charts.all()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.png()));
            assertThat(image.getWidth()).as(chart.name()).isEqualTo(RunCharts.WIDTH);
            assertThat(image.getHeight()).as(chart.name()).isEqualTo(RunCharts.HEIGHT);
        }
    }

    @Test
    void chartsAreSvgDocumentsOfTheStatedSizeThatScaleAndCarryTheirTitles() throws Exception {
        RunReport report = aRerunWith("node-a", "r", "WalletA");
        RunCharts.Charts charts = RunCharts.Charts.of(report);

        assertThat(charts.all()).extracting(RunCharts.Chart::name).containsExactlyElementsOf(RunCharts.NAMES);
        for (RunCharts.Chart chart : charts.all()) {
            Element svg = SvgDocuments.parse(chart.svg());
            assertThat(svg.getTagName()).isEqualTo("svg");
            assertThat(svg.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
            assertThat(SvgDocuments.width(svg)).as(chart.name()).isEqualTo(RunCharts.WIDTH);
            assertThat(SvgDocuments.height(svg)).as(chart.name()).isEqualTo(RunCharts.HEIGHT);
            assertThat(SvgDocuments.viewBox(svg)).as("scales: " + chart.name())
                    .containsExactly(0.0, 0.0, (double) RunCharts.WIDTH, (double) RunCharts.HEIGHT);
            assertThat(SvgDocuments.texts(svg)).as(chart.name()).isNotEmpty();
        }
        assertThat(SvgDocuments.texts(SvgDocuments.parse(charts.creditsAndPool().svg())))
                .contains("Credits and pool per window", "credits", "pool (MMC)");
        assertThat(SvgDocuments.texts(SvgDocuments.parse(charts.lorenz().svg())))
                .anySatisfy(text -> assertThat(text).startsWith("Rewards: the top 1 node(s) hold"));
    }

    @Test
    void theHtmlEmbedsAllFiveChartsAsSvgsThatScaleWithThePage() throws Exception {
        RunReport report = aRerunWith("node-a", "r", "WalletA");
        RunCharts.Charts charts = RunCharts.Charts.of(report);

        String html = RunReportHtml.render(report, charts);

        List<String> embedded = SvgDocuments.embedded(html);
        assertThat(embedded).hasSize(5);
        for (int i = 0; i < embedded.size(); i++) {
            assertThat(SvgDocuments.width(SvgDocuments.parse(embedded.get(i)))).isEqualTo(RunCharts.WIDTH);
            assertThat(embedded.get(i)).isEqualTo(charts.all().get(i).svg());
        }
        assertThat(html).doesNotContain("data:image/png")
                .contains("img.chart{width:100%", "<img class=\"chart\" alt=\"Credits and pool per window\"",
                        "alt=\"Probe outcomes per window\"", "alt=\"Pool per window over the emission schedule\"");
    }

    @Test
    void selfDealingCappedLowQualityAndIneligibleNodesWithCreditsAreFlagged() {
        assertThat(NodeFlags.of(line("a", "W", true, 10, 9, 100, 5, 0.8, 100, 10))).containsExactly("self-dealing");
        assertThat(NodeFlags.of(line("b", "W", true, 10, 9, 100, 0, 0.8, 60.5, 10))).containsExactly("capped by the MAD rule");
        assertThat(NodeFlags.of(line("c", "W", true, 10, 2, 100, 0, 0.1, 100, 10))).containsExactly("low quality");
        assertThat(NodeFlags.of(line("d", null, false, 10, 9, 100, 0, 0.8, 100, 0)))
                .containsExactly("not eligible with credits");
        assertThat(NodeFlags.of(line("e", "W", true, 10, 9, 100, 0, 0.8, 100, 10))).isEmpty();
    }

    private static RunReport aRerunWith(String nodeId, String reason, String wallet) {
        SettlementRun run = new SettlementRun(7, Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-02-01T02:00:00Z"), 2, "COMPLETED", 1_000, 1_000, 0, null, "ab".repeat(32), 2, 40,
                reason, "alice", 1, Instant.parse("2026-02-01T03:00:00Z"), 0L, Map.of("cap-k", "10"));
        List<WindowTotals> history = new ArrayList<>();
        for (int back = WindowTotals.WINDOWS - 1; back >= 0; back--) {
            history.add(new WindowTotals(run.windowStart().minus(Duration.ofHours(2L * back)), 1_000 - back, 1_000,
                    Map.of("SUCCESS", 5L, "FAILED", 1L, "TIMEOUT", (long) back % 3, "WRONG_RESULT", 0L)));
        }
        return new RunReport(run, List.of(line(nodeId, wallet, true, 20, 19, 700, 3, 0.8, 700, 650),
                line("node-b", "WalletB", true, 20, 10, 300, 0, 0.3, 300, 350)),
                List.of(new WalletChange(wallet, 700, 650, -50), new WalletChange("WalletB", 300, 350, 50)),
                history, SettlementParameters.defaults().withTerms(run.parameters()));
    }

    private static NodeSettlementLine line(String nodeId, String owner, boolean eligible, long calls, long ok,
                                           long credits, long selfDealt, double quality, double usage, long reward) {
        return new NodeSettlementLine(nodeId, owner, calls, ok, credits, selfDealt, quality, usage, 0, 1.0, eligible,
                usage * quality, BigDecimal.ONE, reward);
    }
}
