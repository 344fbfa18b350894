package network.mmc.jobs.reports;

import static network.mmc.jobs.reports.ReportHtml.chart;
import static network.mmc.jobs.reports.ReportHtml.e;
import static network.mmc.jobs.reports.ReportHtml.table;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.settlement.DecimalText;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.TimeText;

/** A run's report as one self-contained HTML page; every stored value is escaped, charts are embedded SVGs. */
final class RunReportHtml {

    private RunReportHtml() {
    }

    static String render(RunReport report, RunCharts.Charts charts) {
        SettlementRun run = report.run();
        StringBuilder html = ReportHtml.page("Settlement " + TimeText.format(run.windowStart()) + " revision "
                + run.revision());
        html.append("<h1>Settlement of ").append(e(TimeText.format(run.windowStart()))).append(" to ")
                .append(e(TimeText.format(run.windowEnd()))).append(", revision ").append(run.revision()).append("</h1>\n");
        if (report.isRerun()) {
            html.append("<p>Re-run: ").append(e(run.reason())).append(" (operator ").append(e(run.operator()))
                    .append(")</p>\n");
        }
        table(html, List.of("pool (MMC)", "allocated (MMC)", "unallocated (MMC)", "nodes", "calls", "completed"),
                List.of(List.of(MmcText.format(run.pool()), MmcText.format(run.allocated()), MmcText.format(run.unallocated()),
                        Integer.toString(run.nodeCount()), Long.toString(run.callCount()),
                        TimeText.format(run.completedAt()))));

        html.append("<h2>Wallets</h2>\n<p>").append(report.isRerun()
                ? "What revision " + (run.revision() - 1) + " paid each wallet, what this revision pays, and the"
                + " correction posted to the ledger (MMC)."
                : "What this run pays each wallet and the accrual posted to the ledger (MMC).").append("</p>\n");
        table(html, List.of("wallet", "previous", "this revision", report.isRerun() ? "correction" : "accrual"),
                report.wallets().stream().map(w -> List.of(w.wallet(), MmcText.format(w.previous()), MmcText.format(w.current()),
                        MmcText.format(w.posted()))).toList());

        RewardConcentration concentration = report.concentration();
        html.append("<h2>Top nodes</h2>\n<p>The top ").append(concentration.topNodes()).append(" node(s) (10 %) hold ")
                .append(String.format("%.1f", concentration.topShare() * 100)).append(" % of the rewards.</p>\n");
        table(html, List.of("node", "owner wallet", "credits", "quality", "reward (MMC)"),
                report.topNodes().stream().map(n -> List.of(n.nodeId(), text(n.ownerWallet()),
                        Long.toString(n.credits()), DecimalText.of(n.quality()), MmcText.format(n.reward()))).toList());
        html.append(chart(charts.rewards())).append(chart(charts.lorenz()));

        html.append("<h2>Recent windows</h2>\n<p>The ").append(WindowTotals.WINDOWS).append(" windows up to this one:"
                        + " credits and pool of each window's latest completed revision, and the outcomes of the probes"
                        + " called in it.</p>\n")
                .append(chart(charts.creditsAndPool()))
                .append(chart(charts.probes()));
        html.append("<h2>Emission</h2>\n<p>The pool of a window over the emission schedule of this run's terms, from"
                        + " genesis to a year after this window.</p>\n")
                .append(chart(charts.emission()));

        html.append("<h2>Flagged nodes</h2>\n");
        table(html, List.of("node", "owner wallet", "credits", "self-dealt", "usage", "quality", "reward (MMC)", "flags"),
                report.flaggedNodes().stream().map(n -> List.of(n.nodeId(), text(n.ownerWallet()),
                        Long.toString(n.credits()), Long.toString(n.selfDealt()), DecimalText.of(n.usage()),
                        DecimalText.of(n.quality()), MmcText.format(n.reward()), String.join(", ", NodeFlags.of(n)))).toList());

        html.append("<h2>Re-check</h2>\n<p>Input SHA-256 <code>").append(e(run.inputSha256())).append("</code></p>\n")
                .append("<p>Terms: ").append(e(terms(run.parameters()))).append("</p>\n")
                .append("<pre>").append(e(String.join("\n", RecheckCommands.of(run)))).append("</pre>\n")
                .append("<p>The audit recomputes the run from its exported calls and nodes alone and says whether it"
                        + " matches the stored result byte for byte.</p>\n").append(ReportHtml.end());
        return html.toString();
    }

    private static String terms(Map<String, String> parameters) {
        return parameters == null ? "not recorded (a run stored before runs kept them)"
                : parameters.entrySet().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(" "));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
