package network.mmc.jobs.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.cli.InProcessCommands;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.rewards.Distributions;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.RewardReruns;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.ledger.DistributionPlanner;
import network.mmc.ledger.RewardLedger;
import network.mmc.ledger.SettledReconciliation;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.TimeText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code report --from --to} and {@code /api/reports/period} over settled windows, re-runs and withdrawals. */
class PeriodReportIT extends HubIntegrationTest {

    private static final InProcessCommands COMMANDS = new InProcessCommands();

    @Autowired
    RewardLedger ledger;

    @Autowired
    Distributions distributions;

    @Autowired
    PeriodReports reports;

    @Autowired
    ApiKeys apiKeys;

    @AfterAll
    static void closeCommands() {
        COMMANDS.close();
    }

    @Test
    void aPeriodWithReRunsAndWithdrawalsBalancesToTheBaseUnit(@TempDir Path dir) throws Exception {
        // given: a window re-run four times (corrections up, down, to 0 and up), a later one, and withdrawals made in
        // the period: two carried by a confirmed version, one still waiting
        RewardReruns reruns = RewardReruns.create(jdbc, loader, settlement, runs);
        Instant from = reruns.rerunWindow().start();
        Instant to = reruns.laterWindow().end();
        Instant at = from.plusSeconds(3 * 3600);
        ledger.withdraw(reruns.wallet(), 1_000L, 1L, "signature-1", at);
        ledger.withdraw(reruns.wallet(), 500L, 2L, "signature-2", at.plusSeconds(1));
        long version = distributions.createNext(DistributionPlanner::next).orElseThrow().version();
        distributions.confirm(version, "confirming-signature", 1, Instant.now());
        ledger.withdraw(reruns.wallet(), 250L, 3L, "signature-3", at.plusSeconds(2));

        // when
        PeriodReport report = reports.report(from, to);
        InProcessCommands.Output printed = COMMANDS.run("report", "--from", from.toString(), "--to", to.toString(),
                "--out", dir.toString());

        // then
        assertThat(report.settled().differences()).isEmpty();
        assertThat(report.withdrawals().problems()).isEmpty();
        assertThat(report.balances()).isTrue();
        assertThat(report.settled().ledger()).isEqualTo(report.settled().allocated()).isEqualTo(report.allocated());
        assertThat(report.windows()).extracting(PeriodReport.Window::start, PeriodReport.Window::revision)
                .contains(tuple(from, 5), tuple(
                        reruns.laterWindow().start(), 1));
        assertThat(report.wallets()).filteredOn(w -> w.wallet().equals(reruns.wallet())).singleElement()
                .extracting(PeriodReport.WalletTotal::settled)
                .isEqualTo(reruns.rerunAmounts().get(4) + reruns.laterAmount());
        assertThat(report.withdrawals()).extracting(WithdrawalStages::requested, WithdrawalStages::included,
                WithdrawalStages::published, WithdrawalStages::confirmed).containsExactly(1_750L, 1_500L, 1_500L, 1_500L);
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.out()).contains("balances to the base unit", "withdrawals requested 0.000001750 MMC,"
                + " in a distribution 0.000001500 MMC, published 0.000001500 MMC, confirmed 0.000001500 MMC");
        assertThat(Files.readString(dir.resolve("period-wallets.csv"))).contains("\n" + reruns.wallet() + ","
                + (reruns.rerunAmounts().get(4) + reruns.laterAmount()) + "\n");
        assertThat(Files.readAllLines(dir.resolve("period-reconciliation.csv"))).hasSize(1);
        assertThat(Files.readString(dir.resolve("period.html"))).contains("<div class=\"balanced\">",
                "<td>" + reruns.wallet() + "</td><td class=\"n\">" + MmcText.format(reruns.rerunAmounts().get(4)
                        + reruns.laterAmount()) + "</td>").doesNotContain("DOES NOT BALANCE");
        assertThat(printed.out()).contains("wrote " + dir.resolve("period.html"));
    }

    @Test
    void aLedgerLineNoRunAllocatedIsListedNotHidden(@TempDir Path dir) throws Exception {
        // given: a settled window, and a line posted by hand to a wallet its run does not pay
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        SettlementRun run = settlement.settle(window);
        Timestamp start = UtcTimestamps.of(window.start());
        jdbc.update("INSERT INTO ledger_entry (wallet, run_id, window_start, revision, entry_type, amount, created_at)"
                + " VALUES ('=HandWallet', ?, ?, 1, 'ACCRUAL', 7, NOW(6))", run.id(), start);
        String from = window.start().toString();
        String to = window.end().toString();

        // when
        PeriodReport report = reports.report(window.start(), window.end());
        InProcessCommands.Output printed = COMMANDS.run("report", "--from", from, "--to", to, "--out", dir.toString());
        HubClient finance = hub().withKey(apiKeys.create(Role.FINANCE, "finance"));
        JsonNode json = finance.get("/api/reports/period?from=" + from + "&to=" + to).body();
        HubClient.Response page = finance.get("/api/reports/period.html?from=" + from + "&to=" + to);

        // then
        assertThat(report.balances()).isFalse();
        assertThat(report.settled().ledger()).isEqualTo(report.settled().allocated() + 7);
        assertThat(report.settled().differences()).containsExactly(
                new SettledReconciliation.Difference(window.start(), "=HandWallet", 7, 0));
        assertThat(printed.exitCode()).isEqualTo(1);
        assertThat(printed.out()).contains("DIFFERS window " + window.start() + " wallet =HandWallet: ledger 0.000000007,"
                + " allocated 0.000000000, difference 0.000000007 MMC", "DOES NOT BALANCE");
        assertThat(Files.readAllLines(dir.resolve("period-reconciliation.csv"))).element(1).asString()
                .startsWith(window.start() + ",'=HandWallet,7,0,7,");
        assertThat(json.get("settled").get("differences").get(0).get("wallet").asString()).isEqualTo("=HandWallet");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.text()).contains("<div class=\"unbalanced\"><h2>DOES NOT BALANCE</h2>",
                "<td>" + TimeText.format(window.start()) + "</td><td>=HandWallet</td><td class=\"n\">0.000000007</td>");
        assertThat(Files.readString(dir.resolve("period.html"))).isEqualTo(page.text());
        assertThat(hub().get("/api/reports/period.html?from=" + from + "&to=" + to).status()).isEqualTo(401);
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsOneLineAndExitCode2() {
        InProcessCommands.Output printed = COMMANDS.run("report", "--from", "2026-02-02T00:00Z", "--to", "2026-02-01T00:00Z");

        assertThat(printed.exitCode()).isEqualTo(2);
        assertThat(printed.err()).isEqualTo("mmc-hub: from 2026-02-02T00:00:00Z must be before to 2026-02-01T00:00:00Z\n");
        assertThat(printed.out()).isEmpty();
    }
}
