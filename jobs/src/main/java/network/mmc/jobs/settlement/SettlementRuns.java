package network.mmc.jobs.settlement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import network.mmc.jobs.audit.TermsJson;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.NotFoundException;
import network.mmc.ledger.RunStore;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads stored runs: every revision stays readable; the latest completed one is the one that counts. */
@Component
public class SettlementRuns implements RunStore {

    private static final String RUN_COLUMNS = "id, window_start, window_end, revision, status, pool, allocated,"
            + " unallocated, cap, input_sha256, node_count, call_count, reason, operator, job_execution_id, completed_at,"
            + " late_call_count, parameters";

    private final JdbcTemplate jdbc;

    SettlementRuns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every revision of the windows starting in {@code [from, to)}, oldest window first. */
    public List<SettlementRun> list(Instant from, Instant to) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM settlement_run WHERE window_start >= ? AND window_start < ?"
                        + " ORDER BY window_start, revision", SettlementRuns::run,
                UtcTimestamps.of(from), UtcTimestamps.of(to));
    }

    /** Settled windows, newest first: {@code limit} of them after skipping {@code offset}, each at its latest revision. */
    public List<SettledWindow> settledWindows(long offset, int limit) {
        return jdbc.query("SELECT " + RUN_COLUMNS + ", revisions FROM settlement_run JOIN (SELECT window_start,"
                        + " MAX(revision) AS revision, COUNT(*) AS revisions FROM settlement_run WHERE status = 'COMPLETED'"
                        + " GROUP BY window_start) latest USING (window_start, revision)"
                        + " ORDER BY window_start DESC LIMIT ? OFFSET ?",
                (row, i) -> new SettledWindow(run(row, i), row.getInt(19)), limit, offset);
    }

    public long settledWindowCount() {
        return jdbc.queryForObject("SELECT COUNT(DISTINCT window_start) FROM settlement_run WHERE status = 'COMPLETED'",
                Long.class);
    }

    @Override
    public OptionalInt latestCompletedRevision(Instant windowStart) {
        Integer revision = jdbc.queryForObject("SELECT MAX(revision) FROM settlement_run WHERE window_start = ?"
                + " AND status = 'COMPLETED'", Integer.class, UtcTimestamps.of(windowStart));
        return revision == null ? OptionalInt.empty() : OptionalInt.of(revision);
    }

    /**
     * The end of the latest window with a completed run, read backwards along the (window_start, revision) key: it
     * stops at the first completed run, so it costs one index step however many runs there are.
     */
    public Optional<Instant> lastSettledWindowEnd() {
        return jdbc.query("SELECT window_end FROM settlement_run WHERE status = 'COMPLETED'"
                        + " ORDER BY window_start DESC, revision DESC LIMIT 1",
                (row, i) -> UtcTimestamps.toInstant(row.getTimestamp(1))).stream().findFirst();
    }

    public Optional<SettlementRun> latest(SettlementWindow window) {
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM settlement_run WHERE window_start = ? ORDER BY revision DESC LIMIT 1",
                SettlementRuns::run, UtcTimestamps.of(window.start())).stream().findFirst();
    }

    public SettlementRun get(SettlementWindow window, Integer revision) {
        if (revision == null) {
            return latest(window).orElseThrow(() -> new NotFoundException("window " + window + " is not settled"));
        }
        return jdbc.query("SELECT " + RUN_COLUMNS + " FROM settlement_run WHERE window_start = ? AND revision = ?",
                        SettlementRuns::run, UtcTimestamps.of(window.start()), revision).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("window " + window + " has no revision " + revision));
    }

    public List<NodeSettlementLine> nodes(long runId) {
        return jdbc.query("SELECT node_id, owner_wallet, calls, ok, credits, self_dealt, quality, usage_capped, stake,"
                        + " stake_factor, eligible, raw_weight, weight, reward FROM node_settlement WHERE run_id = ? ORDER BY node_id",
                (row, i) -> new NodeSettlementLine(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4),
                        row.getLong(5), row.getLong(6), row.getDouble(7), row.getDouble(8), row.getLong(9),
                        row.getDouble(10), row.getBoolean(11), row.getDouble(12), row.getBigDecimal(13), row.getLong(14)),
                runId);
    }

    private static SettlementRun run(ResultSet row, int i) throws SQLException {
        Double cap = row.getObject(9) == null ? null : row.getDouble(9);
        return new SettlementRun(row.getLong(1), UtcTimestamps.toInstant(row.getTimestamp(2)),
                UtcTimestamps.toInstant(row.getTimestamp(3)), row.getInt(4), row.getString(5),
                row.getLong(6), row.getLong(7), row.getLong(8), cap, row.getString(10),
                row.getInt(11), row.getLong(12), row.getString(13), row.getString(14), row.getLong(15),
                UtcTimestamps.toInstant(row.getTimestamp(16)), row.getObject(17) == null ? null : row.getLong(17),
                row.getString(18) == null ? null : TermsJson.read(row.getString(18), "the parameters of run " + row.getLong(1)));
    }
}
