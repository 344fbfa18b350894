package network.mmc.jobs.reports;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.ledger.RevisionPosting;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds a run's report from what is stored: the run, its node lines, the previous revision's and the run's ledger
 * lines. A stored run never changes, so the same run always gives the same report; nothing is stored for it.
 */
@Component
public class RunReports {

    private final SettlementRuns runs;
    private final JdbcTemplate jdbc;

    RunReports(SettlementRuns runs, JdbcTemplate jdbc) {
        this.runs = runs;
        this.jdbc = jdbc;
    }

    RunReport report(SettlementWindow window, Integer revision) {
        SettlementRun run = runs.get(window, revision);
        List<NodeSettlementLine> nodes = runs.nodes(run.id());
        Map<String, Long> previous = run.revision() == 1 ? Map.of() : rewardsByWallet(runs.nodes(
                runs.get(window, run.revision() - 1).id()));
        SortedMap<String, Long> current = rewardsByWallet(nodes);
        Map<String, Long> posted = new HashMap<>();
        jdbc.query("SELECT wallet, amount FROM ledger_entry WHERE run_id = ?", row -> {
            posted.put(row.getString(1), row.getLong(2));
        }, run.id());
        TreeSet<String> wallets = new TreeSet<>(current.keySet());
        wallets.addAll(previous.keySet());
        wallets.addAll(posted.keySet());
        return new RunReport(run, nodes, wallets.stream().map(w -> new WalletChange(w, previous.getOrDefault(w, 0L),
                current.getOrDefault(w, 0L), posted.getOrDefault(w, 0L))).toList());
    }

    static SortedMap<String, Long> rewardsByWallet(List<NodeSettlementLine> nodes) {
        return RevisionPosting.rewardsByWallet(nodes.stream().map(NodeSettlementLine::toNodeSettlement).toList());
    }
}
