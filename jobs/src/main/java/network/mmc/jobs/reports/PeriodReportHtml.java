package network.mmc.jobs.reports;

import static network.mmc.jobs.reports.ReportHtml.e;
import static network.mmc.jobs.reports.ReportHtml.table;

import java.util.List;
import network.mmc.ledger.SettledReconciliation;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.TimeText;

/**
 * A period report as one HTML page: whether it balances first (what does not is listed there, in a box that cannot
 * be missed), then the totals, the reconciliation, and the windows, wallets and nodes. Every value is escaped.
 */
final class PeriodReportHtml {

    private PeriodReportHtml() {
    }

    static String render(PeriodReport report) {
        String period = TimeText.format(report.from()) + " to " + TimeText.format(report.to());
        StringBuilder html = ReportHtml.page("Period report " + period);
        html.append("<h1>Period report ").append(e(period)).append(" (exclusive)</h1>\n");
        SettledReconciliation.Result settled = report.settled();
        WithdrawalStages withdrawals = report.withdrawals();
        if (report.balances()) {
            html.append("<div class=\"balanced\"><p>Balances to the base unit: the ledger lines of every window and"
                    + " wallet sum to what the window's latest revision pays, and the withdrawals are where their"
                    + " distribution versions say.</p></div>\n");
        } else {
            html.append("<div class=\"unbalanced\"><h2>DOES NOT BALANCE</h2>\n<p>")
                    .append(settled.differences().size() + withdrawals.problems().size())
                    .append(" line(s) do not balance.</p>\n");
            if (!settled.differences().isEmpty()) {
                html.append("<p>Windows and wallets whose ledger lines do not sum to what the latest revision pays"
                        + " (MMC):</p>\n");
                table(html, List.of("window", "wallet", "ledger", "allocated", "difference"),
                        settled.differences().stream().map(d -> List.of(TimeText.format(d.windowStart()), d.wallet(),
                                MmcText.format(d.ledger()), MmcText.format(d.allocated()),
                                MmcText.format(d.difference()))).toList());
            }
            if (!withdrawals.problems().isEmpty()) {
                html.append("<p>Withdrawals:</p>\n<ul>\n");
                withdrawals.problems().forEach(p -> html.append("<li>").append(e(p)).append("</li>\n"));
                html.append("</ul>\n");
            }
            html.append("</div>\n");
        }

        html.append("<h2>Totals</h2>\n");
        table(html, List.of("windows", "wallets", "nodes", "pool (MMC)", "allocated (MMC)", "unallocated (MMC)"),
                List.of(List.of(Integer.toString(report.windows().size()), Integer.toString(report.wallets().size()),
                        Integer.toString(report.nodes().size()), MmcText.format(report.pool()),
                        MmcText.format(report.allocated()), MmcText.format(report.unallocated()))));

        html.append("<h2>Reconciliation</h2>\n<p>Σ settled ledger (accruals and corrections) against Σ run"
                + " allocations (latest revisions), and the withdrawals requested in the period by stage (MMC).</p>\n");
        table(html, List.of("ledger", "run allocations", "requested", "in a distribution", "published", "confirmed"),
                List.of(List.of(MmcText.format(settled.ledger()), MmcText.format(settled.allocated()),
                        MmcText.format(withdrawals.requested()), MmcText.format(withdrawals.included()),
                        MmcText.format(withdrawals.published()), MmcText.format(withdrawals.confirmed()))));

        html.append("<h2>Windows</h2>\n<p>Each window starting in the period, at its latest completed revision.</p>\n");
        table(html, List.of("window", "revision", "pool (MMC)", "allocated (MMC)", "unallocated (MMC)", "nodes"),
                report.windows().stream().map(w -> List.of(TimeText.format(w.start()), Integer.toString(w.revision()),
                        MmcText.format(w.pool()), MmcText.format(w.allocated()), MmcText.format(w.unallocated()),
                        Integer.toString(w.nodes()))).toList());

        html.append("<h2>Wallets</h2>\n<p>Σ each wallet's ledger lines of the period's windows.</p>\n");
        table(html, List.of("wallet", "settled (MMC)"), report.wallets().stream()
                .map(w -> List.of(w.wallet(), MmcText.format(w.settled()))).toList());

        html.append("<h2>Nodes</h2>\n<p>Σ each node's rewards in the period's windows (latest revisions).</p>\n");
        table(html, List.of("node", "owner wallet", "reward (MMC)"), report.nodes().stream()
                .map(n -> List.of(n.nodeId(), n.ownerWallet() == null ? "" : n.ownerWallet(),
                        MmcText.format(n.reward()))).toList());
        return html.append(ReportHtml.end()).toString();
    }
}
