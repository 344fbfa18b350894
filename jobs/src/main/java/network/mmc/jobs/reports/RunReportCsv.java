package network.mmc.jobs.reports;

import network.mmc.jobs.csv.CsvWriter;
import network.mmc.jobs.settlement.NodeSettlementLine;

/** A run's report as CSV for spreadsheets: text cells cannot start a formula. Amounts in base units. */
final class RunReportCsv {

    private RunReportCsv() {
    }

    static String nodes(RunReport report) {
        StringBuilder csv = new StringBuilder();
        CsvWriter rows = CsvWriter.forSpreadsheets(csv).texts("node_id", "owner_wallet", "eligible", "calls", "ok",
                "credits", "self_dealt", "quality", "usage", "stake_base_units", "stake_factor", "weight",
                "reward_base_units", "flags").endRow();
        for (NodeSettlementLine n : report.nodes()) {
            rows.text(n.nodeId()).text(n.ownerWallet()).flag(n.eligible()).number(n.calls()).number(n.ok())
                    .number(n.credits()).number(n.selfDealt()).number(n.quality()).number(n.usage()).number(n.stake())
                    .number(n.stakeFactor()).number(n.weight()).number(n.reward())
                    .text(String.join("; ", NodeFlags.of(n))).endRow();
        }
        return csv.toString();
    }

    /** Per wallet: the previous revision's amount, this revision's, and the ledger line this run posted. */
    static String wallets(RunReport report) {
        StringBuilder csv = new StringBuilder();
        CsvWriter rows = CsvWriter.forSpreadsheets(csv).texts("wallet", "previous_base_units", "this_revision_base_units",
                "posted_base_units").endRow();
        for (WalletChange w : report.wallets()) {
            rows.text(w.wallet()).number(w.previous()).number(w.current()).number(w.posted()).endRow();
        }
        return csv.toString();
    }
}
