package network.mmc.jobs.settlement;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.mmc.jobs.audit.TermsJson;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.ledger.PostedRun;
import network.mmc.ledger.RewardLedger;
import network.mmc.settlement.EmissionSchedule;
import network.mmc.settlement.NodeProfile;
import network.mmc.settlement.NodeUsage;
import network.mmc.settlement.SettlementParameters;
import network.mmc.settlement.SettlementResult;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.WindowSettlementCalculator;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Sums the partitions, computes the window with {@code settlement/}, and writes the run, its node rows and its
 * ledger entries (posted by {@code ledger/}). The tasklet runs in the step's transaction: a crash leaves all of it or none of it.
 */
final class SettlementWriteTasklet implements Tasklet {

    private static final BigDecimal MAX_CREDITS = BigDecimal.valueOf(Long.MAX_VALUE);

    // each node's partition sums (partial credits include the self-dealt ones) and, when registered, its profile
    private static final String USAGES_AND_PROFILES = "SELECT u.node_id, u.calls, u.ok, u.credits, u.self_dealt,"
            + " n.node_id, " + NodesAtWindowEnd.OWNER + ", " + NodesAtWindowEnd.STAKE + ", n.suspended"
            + " FROM (SELECT node_id, SUM(calls) AS calls, SUM(ok) AS ok, SUM(credits) - SUM(self_dealt) AS credits,"
            + " SUM(self_dealt) AS self_dealt FROM settlement_partial"
            + " WHERE window_start = :windowStart AND revision = :revision GROUP BY node_id) u"
            + " LEFT JOIN node n ON n.node_id = u.node_id";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final SettlementSettings settings;
    private final Clock clock;
    private final List<SettlementWriteListener> listeners;
    private final RewardLedger ledger;

    SettlementWriteTasklet(JdbcTemplate jdbc, SettlementSettings settings, Clock clock,
                           List<SettlementWriteListener> listeners, RewardLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.settings = settings;
        this.clock = clock;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        SettlementRequest request = SettlementRequest.from(
                chunkContext.getStepContext().getStepExecution().getJobParameters(), settings.period());
        SettlementWindow window = request.window();
        Timestamp start = UtcTimestamps.of(window.start());
        Timestamp end = UtcTimestamps.of(window.end());
        // a stop seen only after this step's commit ends it STOPPED: its restart finds the run written and is done
        if (jdbc.queryForObject("SELECT COUNT(*) FROM settlement_run WHERE window_start = ? AND revision = ?",
                Integer.class, start, request.revision()) > 0) {
            return RepeatStatus.FINISHED;
        }
        List<NodeUsage> usages = new ArrayList<>();
        Map<String, NodeProfile> profiles = new HashMap<>();
        MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("windowStart", start)
                .addValue("windowEnd", end).addValue("revision", request.revision());
        named.query(USAGES_AND_PROFILES, parameters, row -> {
            String nodeId = row.getString(1);
            usages.add(new NodeUsage(nodeId, row.getLong(2), row.getLong(3), credits(row, 4, "credits", nodeId),
                    credits(row, 5, "self-dealt credits", nodeId)));
            if (row.getString(6) != null) {
                String owner = row.getString(7);
                profiles.put(nodeId, new NodeProfile(nodeId, owner, row.getLong(8), owner != null && !row.getBoolean(9)));
            }
        });

        SettlementParameters terms = settings.parameters();
        long pool = new EmissionSchedule(terms).poolOf(window.start());
        SettlementResult result = new WindowSettlementCalculator(terms).settle(usages, profiles, pool);
        long calls = usages.stream().mapToLong(NodeUsage::calls).sum();
        long lateCalls = jdbc.queryForObject("SELECT COALESCE(SUM(late_calls), 0) FROM settlement_partial"
                + " WHERE window_start = ? AND revision = ?", Long.class, start, request.revision());

        long jobExecutionId = chunkContext.getStepContext().getStepExecution().getJobExecutionId();
        Timestamp now = UtcTimestamps.of(clock.instant());
        Object[] run = {start, end, request.revision(), result.pool(), result.allocated(), result.unallocated(),
                Double.isInfinite(result.cap()) ? null : result.cap(), result.inputSha256(), result.nodes().size(), calls,
                request.reason(), request.operator(), jobExecutionId, now, lateCalls, TermsJson.write(terms.terms())};
        KeyHolder runKey = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO settlement_run (window_start, window_end,"
                    + " revision, status, pool, allocated, unallocated, cap, input_sha256, node_count, call_count, reason,"
                    + " operator, job_execution_id, completed_at, late_call_count, parameters)"
                    + " VALUES (?, ?, ?, 'COMPLETED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
            new ArgumentPreparedStatementSetter(run).setValues(insert);
            return insert;
        }, runKey);
        long runId = runKey.getKeyAs(Number.class).longValue();
        NodeSettlementRows.insert(jdbc, runId, result.nodes(), profiles);
        listeners.forEach(listener -> listener.beforeLedger(window));
        ledger.post(new PostedRun(runId, window.start(), request.revision(), UtcTimestamps.toInstant(now)), result.nodes());
        listeners.forEach(listener -> listener.afterLedger(runId, window));
        // scratch rows go with the commit that makes them unnecessary; a rollback keeps them for the restart
        jdbc.update("DELETE FROM settlement_partial WHERE window_start = ? AND revision = ?", start, request.revision());
        contribution.incrementWriteCount(result.nodes().size());
        return RepeatStatus.FINISHED;
    }

    /** A node's window sum of credits (exact DECIMAL), refused by name when it is beyond what settlement counts in. */
    private static long credits(ResultSet row, int column, String what, String nodeId) throws SQLException {
        BigDecimal sum = row.getBigDecimal(column);
        if (sum.compareTo(MAX_CREDITS) > 0) {
            throw new ArithmeticException("the " + what + " of node " + nodeId + " sum to " + sum.toPlainString()
                    + " in this window, more than settlement can count (" + Long.MAX_VALUE
                    + "): the window holds records above mmc.ingest.max-credits");
        }
        return sum.longValueExact();
    }
}
