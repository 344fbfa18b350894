package network.mmc.jobs.settlement;

import java.sql.Timestamp;
import java.time.Duration;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.SettlementWindow;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Aggregates one partition's id range per node (SETTLEMENT.md §2) inside the database and keeps the sums in
 * {@code settlement_partial}; self-dealing is judged against the owner wallet bound at window end. Re-running a partition replaces its rows, so a restart never counts twice.
 */
final class PartitionAggregationTasklet implements Tasklet {

    private static final String SELF_DEALT = "c.status = 'SUCCESS' AND c.caller_type = 'API_USER'"
            + " AND " + NodesAtWindowEnd.OWNER + " IS NOT NULL AND c.caller_wallet <=> " + NodesAtWindowEnd.OWNER;

    private static final String AGGREGATE = "INSERT INTO settlement_partial"
            + " (window_start, revision, partition_no, node_id, calls, ok, credits, self_dealt)"
            + " SELECT ?, ?, ?, c.node_id, COUNT(*), SUM(c.status = 'SUCCESS'),"
            + " SUM(IF(c.status = 'SUCCESS' AND NOT (" + SELF_DEALT + "), c.credits, 0)),"
            + " SUM(IF(" + SELF_DEALT + ", c.credits, 0))"
            + " FROM call_record c LEFT JOIN node n ON n.node_id = c.node_id" + NodesAtWindowEnd.OWNER_JOIN
            + " WHERE c.id BETWEEN ? AND ? AND c.recorded_at >= ? AND c.recorded_at < ?"
            + " GROUP BY c.node_id";

    private final JdbcTemplate jdbc;
    private final Duration period;

    PartitionAggregationTasklet(JdbcTemplate jdbc, Duration period) {
        this.jdbc = jdbc;
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
        Timestamp end = UtcTimestamps.of(window.end());
        int nodes = jdbc.update(AGGREGATE, start, revision, partitionNo, end,
                partition.getLong(IdRangePartitioner.FIRST_ID), partition.getLong(IdRangePartitioner.LAST_ID), start, end);
        contribution.incrementWriteCount(nodes);
        return RepeatStatus.FINISHED;
    }
}
