package network.mmc.jobs.reports;

import java.io.PrintWriter;
import network.mmc.ledger.SettledReconciliation;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.TimeText;

/** A period report for the terminal: totals, the reconciliation, and every line that does not balance. */
public final class PeriodReportText {

    private PeriodReportText() {
    }

    public static void print(PeriodReport report, PrintWriter out) {
        out.printf("period %s to %s (exclusive): %d settled window(s), %d wallet(s), %d node(s)%n",
                TimeText.format(report.from()), TimeText.format(report.to()), report.windows().size(),
                report.wallets().size(), report.nodes().size());
        out.printf("pool %s MMC, allocated %s MMC, unallocated %s MMC%n", MmcText.format(report.pool()),
                MmcText.format(report.allocated()), MmcText.format(report.unallocated()));
        SettledReconciliation.Result settled = report.settled();
        out.printf("ledger %s MMC %s run allocations %s MMC (latest revisions, corrections included)%n",
                MmcText.format(settled.ledger()), settled.balances() ? "=" : "!=", MmcText.format(settled.allocated()));
        WithdrawalStages w = report.withdrawals();
        out.printf("withdrawals requested %s MMC, in a distribution %s MMC, published %s MMC, confirmed %s MMC%n",
                MmcText.format(w.requested()), MmcText.format(w.included()), MmcText.format(w.published()), MmcText.format(w.confirmed()));
        settled.differences().forEach(d -> out.printf("DIFFERS window %s wallet %s: ledger %s, allocated %s, difference %s MMC%n",
                TimeText.format(d.windowStart()), d.wallet(), MmcText.format(d.ledger()), MmcText.format(d.allocated()),
                MmcText.format(d.difference())));
        w.problems().forEach(p -> out.println("DIFFERS " + p));
        out.println(report.balances() ? "balances to the base unit" : "DOES NOT BALANCE");
    }
}
