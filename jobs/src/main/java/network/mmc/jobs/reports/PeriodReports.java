package network.mmc.jobs.reports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.ledger.SettledReconciliation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** Builds a {@link PeriodReport} from one snapshot of runs, ledger and withdrawals. */
@Component
public class PeriodReports {

    private static final String REQUESTS = "SELECT r.id, r.amount, r.status, r.version, d.status,"
            + " EXISTS (SELECT 1 FROM distribution_attempt a WHERE a.version = r.version) OR d.status = 'CONFIRMED'"
            + " FROM withdrawal_request r LEFT JOIN distribution d ON d.version = r.version";

    private final SettlementRuns runs;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    PeriodReports(SettlementRuns runs, JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.runs = runs;
        this.jdbc = jdbc;
        // REPEATABLE READ: a run or a request committed meanwhile cannot unbalance the report
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    /** @throws IllegalArgumentException unless {@code from} is before {@code to} */
    public static void checkPeriod(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " must be before to " + to);
        }
    }

    public PeriodReport report(Instant from, Instant to) {
        checkPeriod(from, to);
        return snapshot.execute(transaction -> build(from, to));
    }

    private PeriodReport build(Instant from, Instant to) {
        Map<Instant, SettlementRun> latest = new TreeMap<>();
        runs.list(from, to).stream().filter(r -> "COMPLETED".equals(r.status()))
                .forEach(r -> latest.merge(r.windowStart(), r, (a, b) -> a.revision() > b.revision() ? a : b));
        List<PeriodReport.Window> windows = new ArrayList<>();
        Map<Instant, Map<String, Long>> allocated = new TreeMap<>();
        Map<String, PeriodReport.NodeTotal> nodes = new TreeMap<>();
        for (SettlementRun run : latest.values()) {
            windows.add(new PeriodReport.Window(run.windowStart(), run.revision(), run.pool(), run.allocated(),
                    run.unallocated(), run.nodeCount()));
            List<NodeSettlementLine> lines = runs.nodes(run.id());
            allocated.put(run.windowStart(), RunReports.rewardsByWallet(lines));
            lines.forEach(n -> nodes.merge(n.nodeId(), new PeriodReport.NodeTotal(n.nodeId(), n.ownerWallet(), n.reward()),
                    (a, b) -> new PeriodReport.NodeTotal(a.nodeId(), b.ownerWallet(), Math.addExact(a.reward(), b.reward()))));
        }
        List<SettledReconciliation.WindowLine> ledgerLines = jdbc.query("SELECT window_start, wallet, amount FROM ledger_entry"
                        + " WHERE window_start >= ? AND window_start < ? ORDER BY id",
                (row, i) -> new SettledReconciliation.WindowLine(UtcTimestamps.toInstant(row.getTimestamp(1)),
                        row.getString(2), row.getLong(3)), UtcTimestamps.of(from), UtcTimestamps.of(to));
        Map<String, Long> settledByWallet = new TreeMap<>();
        ledgerLines.forEach(l -> settledByWallet.merge(l.wallet(), l.amount(), Math::addExact));
        return new PeriodReport(from, to, List.copyOf(windows),
                settledByWallet.entrySet().stream().map(e -> new PeriodReport.WalletTotal(e.getKey(), e.getValue())).toList(),
                List.copyOf(nodes.values()),
                SettledReconciliation.of(allocated, SettledReconciliation.sumByWindowAndWallet(ledgerLines)),
                withdrawals(from, to));
    }

    private WithdrawalStages withdrawals(Instant from, Instant to) {
        List<WithdrawalStages.Request> all = jdbc.query(REQUESTS + " ORDER BY r.id", (row, i) -> request(row));
        List<WithdrawalStages.Request> inPeriod = jdbc.query(REQUESTS + " WHERE r.requested_at >= ? AND r.requested_at < ?"
                + " ORDER BY r.id", (row, i) -> request(row), UtcTimestamps.of(from), UtcTimestamps.of(to));
        Map<Long, Long> totals = new HashMap<>();
        jdbc.query("SELECT version, total FROM distribution", row -> {
            totals.put(row.getLong(1), row.getLong(2));
        });
        return WithdrawalStages.of(inPeriod, all, totals);
    }

    private static WithdrawalStages.Request request(ResultSet row) throws SQLException {
        return new WithdrawalStages.Request(row.getLong(1), row.getLong(2), row.getString(3), (Long) row.getObject(4),
                row.getString(5), row.getBoolean(6));
    }
}
