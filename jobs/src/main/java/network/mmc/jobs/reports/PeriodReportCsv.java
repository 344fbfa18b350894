package network.mmc.jobs.reports;

import network.mmc.jobs.csv.CsvWriter;
import network.mmc.ledger.SettledReconciliation;

/** A period report as CSV files for spreadsheets (text cells cannot start a formula); amounts in base units. */
final class PeriodReportCsv {

    private PeriodReportCsv() {
    }

    static String windows(PeriodReport report) {
        StringBuilder csv = new StringBuilder();
        CsvWriter rows = CsvWriter.forSpreadsheets(csv).texts("window_start", "revision", "pool_base_units",
                "allocated_base_units", "unallocated_base_units", "nodes").endRow();
        report.windows().forEach(w -> rows.text(w.start().toString()).number(w.revision()).number(w.pool())
                .number(w.allocated()).number(w.unallocated()).number(w.nodes()).endRow());
        return csv.toString();
    }

    static String wallets(PeriodReport report) {
        StringBuilder csv = new StringBuilder();
        CsvWriter rows = CsvWriter.forSpreadsheets(csv).texts("wallet", "settled_base_units").endRow();
        report.wallets().forEach(w -> rows.text(w.wallet()).number(w.settled()).endRow());
        return csv.toString();
    }

    static String nodes(PeriodReport report) {
        StringBuilder csv = new StringBuilder();
        CsvWriter rows = CsvWriter.forSpreadsheets(csv).texts("node_id", "owner_wallet", "reward_base_units").endRow();
        report.nodes().forEach(n -> rows.text(n.nodeId()).text(n.ownerWallet()).number(n.reward()).endRow());
        return csv.toString();
    }

    /** Every line that does not balance: a window and wallet whose ledger differs, or a withdrawal problem. */
    static String reconciliation(PeriodReport report) {
        StringBuilder csv = new StringBuilder();
        CsvWriter rows = CsvWriter.forSpreadsheets(csv).texts("window_start", "wallet", "ledger_base_units",
                "allocated_base_units", "difference_base_units", "problem").endRow();
        for (SettledReconciliation.Difference d : report.settled().differences()) {
            rows.text(d.windowStart().toString()).text(d.wallet()).number(d.ledger()).number(d.allocated())
                    .number(d.difference()).text("ledger lines do not sum to what the latest revision pays").endRow();
        }
        report.withdrawals().problems().forEach(p -> rows.texts("", "", "", "", "", p).endRow());
        return csv.toString();
    }
}
