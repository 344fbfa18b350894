package network.mmc.jobs.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import network.mmc.ledger.SettledReconciliation;
import org.junit.jupiter.api.Test;

class PeriodReportHtmlTests {

    private static final Instant FROM = Instant.parse("2026-02-01T00:00:00Z");
    private static final String HOSTILE_WALLET = "<script>alert('w')</script>";
    private static final String HOSTILE_NODE = "\"><img src=x onerror=alert(1)>";

    @Test
    void aBalancedPeriodSaysSoAndShowsTheTotalsPerWindowWalletAndNode() {
        PeriodReport report = aPeriod(List.of(), List.of());

        String html = PeriodReportHtml.render(report);

        assertThat(html).contains("<h1>Period report 2026-02-01T00:00:00Z to 2026-02-02T00:00:00Z (exclusive)</h1>",
                        "<div class=\"balanced\"><p>Balances to the base unit")
                .doesNotContain("DOES NOT BALANCE", "class=\"unbalanced\"")
                .contains("<td>2026-02-01T00:00:00Z</td><td class=\"n\">2</td><td class=\"n\">4166.666666666</td>"
                        + "<td class=\"n\">4166.666666600</td><td class=\"n\">0.000000066</td><td class=\"n\">3</td>")
                .contains("<td>WalletA</td><td class=\"n\">3000.000000000</td>")
                .contains("<td>node-b</td><td>WalletB</td><td class=\"n\">1166.666666600</td>")
                .contains("<td>node-c</td><td></td><td class=\"n\">0.000000000</td>");
    }

    @Test
    void whatDoesNotBalanceIsListedFirstInABoxBeforeTheTotals() {
        PeriodReport report = aPeriod(List.of(new SettledReconciliation.Difference(FROM, "WalletA", 3_000_000_000_007L,
                3_000_000_000_000L)), List.of("withdrawal 5 is SYNCED but its version 2 is not confirmed"));

        String html = PeriodReportHtml.render(report);

        assertThat(html).contains("<div class=\"unbalanced\"><h2>DOES NOT BALANCE</h2>", "2 line(s) do not balance.",
                "<td>2026-02-01T00:00:00Z</td><td>WalletA</td><td class=\"n\">3000.000000007</td>"
                        + "<td class=\"n\">3000.000000000</td><td class=\"n\">0.000000007</td>",
                "<li>withdrawal 5 is SYNCED but its version 2 is not confirmed</li>");
        assertThat(html.indexOf("DOES NOT BALANCE")).isLessThan(html.indexOf("<h2>Totals</h2>"));
    }

    @Test
    void walletsAndNodeIdsAreEscapedSoThatNoneBecomesMarkup() {
        PeriodReport report = new PeriodReport(FROM, FROM.plusSeconds(86_400), List.of(),
                List.of(new PeriodReport.WalletTotal(HOSTILE_WALLET, 1)),
                List.of(new PeriodReport.NodeTotal(HOSTILE_NODE, HOSTILE_WALLET, 1)),
                new SettledReconciliation.Result(1, 0, List.of(new SettledReconciliation.Difference(FROM,
                        HOSTILE_WALLET, 1, 0))), new WithdrawalStages(0, 0, 0, 0, List.of("<b>" + HOSTILE_WALLET)));

        String html = PeriodReportHtml.render(report);

        assertThat(html).doesNotContain("<script>", "<img", "<b>")
                .contains("&lt;script&gt;alert(&#39;w&#39;)&lt;/script&gt;", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;");
    }

    private static PeriodReport aPeriod(List<SettledReconciliation.Difference> differences, List<String> problems) {
        long ledger = 4_166_666_666_600L + differences.stream().mapToLong(SettledReconciliation.Difference::difference).sum();
        return new PeriodReport(FROM, FROM.plusSeconds(86_400),
                List.of(new PeriodReport.Window(FROM, 2, 4_166_666_666_666L, 4_166_666_666_600L, 66, 3)),
                List.of(new PeriodReport.WalletTotal("WalletA", 3_000_000_000_000L),
                        new PeriodReport.WalletTotal("WalletB", 1_166_666_666_600L)),
                List.of(new PeriodReport.NodeTotal("node-a", "WalletA", 3_000_000_000_000L),
                        new PeriodReport.NodeTotal("node-b", "WalletB", 1_166_666_666_600L),
                        new PeriodReport.NodeTotal("node-c", null, 0)),
                new SettledReconciliation.Result(ledger, 4_166_666_666_600L, differences),
                new WithdrawalStages(10, 10, 10, 0, problems));
    }
}
