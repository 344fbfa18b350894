package network.mmc.jobs.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeSet;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.settlement.SettlementSettings;
import network.mmc.ledger.RevisionPosting;
import network.mmc.settlement.SettlementParameters;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds a run's report from what is stored: the run, its node lines, the previous revision's and the run's ledger
 * lines, and the latest completed revisions and probe results of the windows before it. A stored run never changes,
 * so only the recent windows (a later re-run of one of them) can differ between two reports of the same run; nothing
 * is stored for it.
 */
@Component
public class RunReports {

    private final SettlementRuns runs;
    private final JdbcTemplate jdbc;
    private final SettlementSettings settings;

    RunReports(SettlementRuns runs, JdbcTemplate jdbc, SettlementSettings settings) {
        this.runs = runs;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    RunReport report(SettlementWindow window, Integer revision) {
        SettlementRun run = runs.get(window, revision);
        // A run stored before runs kept their terms was settled with the configured ones.
        SettlementParameters parameters = settings.parameters().withTerms(
                run.parameters() == null ? Map.of() : run.parameters());
        List<NodeSettlementLine> nodes = runs.nodes(run.id());
        return new RunReport(run, nodes, walletChanges(run, nodes), history(window), parameters);
    }

    /** Per wallet that either revision pays or that has a ledger line of {@code run}: previous, new, posted. */
    public List<WalletChange> walletChanges(SettlementRun run) {
        return walletChanges(run, runs.nodes(run.id()));
    }

    private List<WalletChange> walletChanges(SettlementRun run, List<NodeSettlementLine> nodes) {
        Map<String, Long> previous = run.revision() == 1 ? Map.of() : rewardsByWallet(runs.nodes(
                runs.get(new SettlementWindow(run.windowStart(), run.windowEnd()), run.revision() - 1).id()));
        SortedMap<String, Long> current = rewardsByWallet(nodes);
        Map<String, Long> posted = new HashMap<>();
        jdbc.query("SELECT wallet, amount FROM ledger_entry WHERE run_id = ?", row -> {
            posted.put(row.getString(1), row.getLong(2));
        }, run.id());
        TreeSet<String> wallets = new TreeSet<>(current.keySet());
        wallets.addAll(previous.keySet());
        wallets.addAll(posted.keySet());
        return wallets.stream().map(w -> new WalletChange(w, previous.getOrDefault(w, 0L), current.getOrDefault(w, 0L),
                posted.getOrDefault(w, 0L))).toList();
    }

    private List<WindowTotals> history(SettlementWindow window) {
        Duration period = window.period();
        List<WindowTotals> history = new ArrayList<>();
        for (int back = WindowTotals.WINDOWS - 1; back >= 0; back--) {
            Instant start = window.start().minus(period.multipliedBy(back));
            OptionalInt revision = runs.latestCompletedRevision(start);
            SettlementRun run = revision.isEmpty() ? null
                    : runs.get(new SettlementWindow(start, start.plus(period)), revision.getAsInt());
            long credits = run == null ? 0 : jdbc.queryForObject(
                    "SELECT COALESCE(SUM(credits), 0) FROM node_settlement WHERE run_id = ?", Long.class, run.id());
            history.add(new WindowTotals(start, credits, run == null ? 0 : run.pool(),
                    probes(start, start.plus(period))));
        }
        return List.copyOf(history);
    }

    private Map<String, Long> probes(Instant from, Instant to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        WindowTotals.PROBE_STATUSES.forEach(status -> counts.put(status, 0L));
        jdbc.query("SELECT status, COUNT(*) FROM probe_result WHERE called_at >= ? AND called_at < ? GROUP BY status",
                row -> {
                    counts.put(row.getString(1), row.getLong(2));
                }, UtcTimestamps.of(from), UtcTimestamps.of(to));
        return Collections.unmodifiableMap(counts);
    }

    static SortedMap<String, Long> rewardsByWallet(List<NodeSettlementLine> nodes) {
        return RevisionPosting.rewardsByWallet(nodes.stream().map(NodeSettlementLine::toNodeSettlement).toList());
    }
}
