package network.mmc.jobs.settlement;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.SettlementWindow;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Aggregates one partition's id ranges per node (SETTLEMENT.md §2) inside the database and keeps the sums in
 * {@code settlement_partial}; self-dealing is judged against the owner wallet bound at window end. Re-running a
 * partition replaces its rows, so a restart never counts twice. The partial {@code credits} are all SUCCESS
 * credits, self-dealt ones included: the write step subtracts {@code self_dealt}, so the owner test runs once a row.
 */
final class PartitionAggregationTasklet implements Tasklet {

    // received in this window, made in another one (README: Late call records)
    private static final String LATE = "c.called_at < :windowStart OR c.called_at >= :windowEnd";

    // every wallet that may own a node at window end: the owners now and those a later re-binding replaced. MariaDB
    // reads it once into a keyed derived table: a call record costs a lookup there instead of a join to its node
    private static final String OWNER_WALLETS = "SELECT owner_wallet AS wallet FROM node WHERE owner_wallet IS NOT NULL"
            + " UNION SELECT previous_wallet FROM node_wallet_binding WHERE bound_at >= :windowEnd";

    // grouped by node and, for successful API_USER calls from a wallet that owns some node, that wallet; a group's
    // wallet is then compared with its own node's owner, once a group (a NULL owner never equals it: not self-dealt).
    // The primary key is forced: once a partition's ranges span about half the table, the optimizer scans the whole
    // table instead (a 5 000 000-row partition of a 20 000 000-row table took 19 s that way, 8 s by its range)
    private static final String AGGREGATE = "INSERT INTO settlement_partial"
            + " (window_start, revision, partition_no, node_id, calls, ok, credits, self_dealt, late_calls)"
            + " SELECT :windowStart, :revision, :partition, g.node_id, SUM(g.calls), SUM(g.ok), SUM(g.credits),"
            + " SUM(IF(g.wallet = " + NodesAtWindowEnd.OWNER + ", g.credits, 0)), SUM(g.late)"
            + " FROM (SELECT c.node_id, w.wallet, COUNT(*) AS calls, SUM(c.status = 'SUCCESS') AS ok,"
            + " SUM(IF(c.status = 'SUCCESS', c.credits, 0)) AS credits, COALESCE(SUM(" + LATE + "), 0) AS late"
            + " FROM call_record c FORCE INDEX (PRIMARY) LEFT JOIN (" + OWNER_WALLETS + ") w"
            + " ON c.status = 'SUCCESS' AND c.caller_type = 'API_USER' AND w.wallet = c.caller_wallet"
            + " WHERE (%s) AND c.recorded_at >= :windowStart AND c.recorded_at < :windowEnd"
            + " GROUP BY c.node_id, w.wallet) g"
            + " LEFT JOIN node n ON n.node_id = g.node_id GROUP BY g.node_id";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final Duration period;

    PartitionAggregationTasklet(JdbcTemplate jdbc, Duration period) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        this.period = period;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        StepExecution step = chunkContext.getStepContext().getStepExecution();
        SettlementRequest request = SettlementRequest.from(step.getJobParameters(), period);
        SettlementWindow window = request.window();
        int revision = request.revision();
        ExecutionContext partition = step.getExecutionContext();
        int partitionNo = partition.getInt(IdRangePartitioner.PARTITION);
        Timestamp start = UtcTimestamps.of(window.start());
        jdbc.update("DELETE FROM settlement_partial WHERE window_start = ? AND revision = ? AND partition_no = ?",
                start, revision, partitionNo);
        CallIdRanges ranges = CallIdRanges.parse(partition.getString(IdRangePartitioner.RANGES));
        if (ranges.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("windowStart", start)
                .addValue("windowEnd", UtcTimestamps.of(window.end()))
                .addValue("revision", revision)
                .addValue("partition", partitionNo);
        List<String> between = new ArrayList<>();
        for (CallIdRange range : ranges.ranges()) {
            int r = between.size();
            between.add("c.id BETWEEN :first" + r + " AND :last" + r);
            parameters.addValue("first" + r, range.first()).addValue("last" + r, range.last());
        }
        int nodes = named.update(AGGREGATE.formatted(String.join(" OR ", between)), parameters);
        contribution.incrementWriteCount(nodes);
        // the call records the partition read: the SQL aggregates them, so no reader counts them one by one
        step.setReadCount(step.getReadCount() + jdbc.queryForObject("SELECT COALESCE(SUM(calls), 0) FROM settlement_partial"
                + " WHERE window_start = ? AND revision = ? AND partition_no = ?", Long.class, start, revision, partitionNo));
        return RepeatStatus.FINISHED;
    }
}
