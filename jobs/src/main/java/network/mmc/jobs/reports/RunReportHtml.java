package network.mmc.jobs.reports;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.settlement.DecimalText;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.TimeText;
import org.springframework.web.util.HtmlUtils;

/** A run's report as one self-contained HTML page; every stored value is escaped, charts are embedded PNGs. */
final class RunReportHtml {

    private RunReportHtml() {
    }

    static String render(RunReport report, RunCharts.Charts charts) {
        SettlementRun run = report.run();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Settlement ")
                .append(e(TimeText.format(run.windowStart()))).append(" revision ").append(run.revision())
                .append("</title><style>body{font-family:sans-serif}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right}</style></head><body>\n");
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
        html.append(image("Reward per node", charts.rewards())).append(image("Lorenz curve of the rewards", charts.lorenz()));

        html.append("<h2>Recent windows</h2>\n<p>The ").append(WindowTotals.WINDOWS).append(" windows up to this one:"
                        + " credits and pool of each window's latest completed revision, and the outcomes of the probes"
                        + " called in it.</p>\n")
                .append(image("Credits and pool per window", charts.creditsAndPool()))
                .append(image("Probe outcomes per window", charts.probes()));
        html.append("<h2>Emission</h2>\n<p>The pool of a window over the emission schedule of this run's terms, from"
                        + " genesis to a year after this window.</p>\n")
                .append(image("Pool per window over the emission schedule", charts.emission()));

        html.append("<h2>Flagged nodes</h2>\n");
        table(html, List.of("node", "owner wallet", "credits", "self-dealt", "usage", "quality", "reward (MMC)", "flags"),
                report.flaggedNodes().stream().map(n -> List.of(n.nodeId(), text(n.ownerWallet()),
                        Long.toString(n.credits()), Long.toString(n.selfDealt()), DecimalText.of(n.usage()),
                        DecimalText.of(n.quality()), MmcText.format(n.reward()), String.join(", ", NodeFlags.of(n)))).toList());

        html.append("<h2>Re-check</h2>\n<p>Input SHA-256 <code>").append(e(run.inputSha256())).append("</code></p>\n")
                .append("<p>Terms: ").append(e(terms(run.parameters()))).append("</p>\n")
                .append("<pre>").append(e(String.join("\n", RecheckCommands.of(run)))).append("</pre>\n")
                .append("<p>The audit recomputes the run from its exported calls and nodes alone and says whether it"
                        + " matches the stored result byte for byte.</p>\n</body></html>\n");
        return html.toString();
    }

    private static void table(StringBuilder html, List<String> headers, List<List<String>> rows) {
        html.append("<table><tr>");
        headers.forEach(h -> html.append("<th>").append(e(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (String cell : row) {
                html.append(isNumber(cell) ? "<td class=\"n\">" : "<td>").append(e(cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String image(String title, byte[] png) {
        return "<p><img alt=\"" + e(title) + "\" width=\"" + RunCharts.WIDTH + "\" height=\"" + RunCharts.HEIGHT
                + "\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\"></p>\n";
    }

    private static String terms(Map<String, String> parameters) {
        return parameters == null ? "not recorded (a run stored before runs kept them)"
                : parameters.entrySet().stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(" "));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static boolean isNumber(String cell) {
        return cell.matches("-?[\\d.]+");
    }

    /** Escapes {@code < > & " '} so that no stored value (node ids are chosen by operators) becomes markup. */
    static String e(String value) {
        return HtmlUtils.htmlEscape(value == null ? "" : value, "UTF-8");
    }
}
