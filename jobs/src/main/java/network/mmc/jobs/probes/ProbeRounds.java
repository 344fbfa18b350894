package network.mmc.jobs.probes;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.staking.MinimumStake;
import network.mmc.probe.ProbeOutcome;
import network.mmc.probe.ProbeTarget;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The probe tables and the call records that probes write: plain JDBC, INSERT IGNORE for idempotence. */
@Repository
public class ProbeRounds {

    static final String TASK_TYPE = "matmul-probe";

    private final JdbcTemplate jdbc;
    private final MinimumStake minimumStake;

    ProbeRounds(JdbcTemplate jdbc, MinimumStake minimumStake) {
        this.jdbc = jdbc;
        this.minimumStake = minimumStake;
    }

    /**
     * Throws with the reason unless {@code validatorId} is a VALIDATOR node, not suspended, that OPS approved, with
     * the minimum stake: only such a node's rounds probe anyone or earn credits.
     */
    void requireApprovedValidator(String validatorId) {
        String refusal = refusal(validatorId);
        if (refusal != null) {
            throw new ConflictException(refusal);
        }
    }

    /** Null when {@code validatorId} may run probe rounds, else why not. */
    String refusal(String validatorId) {
        List<String> refusals = jdbc.query("SELECT kind, suspended, approved_at, stake FROM node WHERE node_id = ?",
                (row, i) -> {
                    String refusal = refusal(validatorId, row.getString(1), row.getBoolean(2), row.getTimestamp(3) != null);
                    return refusal != null ? refusal : minimumStake.refusal(validatorId, NodeKind.VALIDATOR, row.getLong(4));
                }, validatorId);
        return refusals.isEmpty() ? "node " + validatorId + " is not registered" : refusals.get(0);
    }

    private static String refusal(String validatorId, String kind, boolean suspended, boolean approved) {
        if (!"VALIDATOR".equals(kind)) {
            return "node " + validatorId + " is a " + kind + " node, not a VALIDATOR";
        }
        if (suspended) {
            return "node " + validatorId + " is suspended";
        }
        if (!approved) {
            return "node " + validatorId + " is a VALIDATOR that OPS have not approved (POST /api/nodes/" + validatorId
                    + "/approval or mmc-hub nodes approve): its probe rounds are refused and earn nothing";
        }
        return null;
    }

    /**
     * Opens the round and fixes its targets: the COMPUTING nodes, not suspended, that reported status within
     * {@code onlineWindow} of {@code now}. A round that exists already keeps the targets it had.
     */
    void open(String roundId, String validatorId, int n, int k, Instant now, Duration onlineWindow) {
        int created = jdbc.update("INSERT IGNORE INTO probe_round (round_id, validator_id, started_at, n, k) VALUES (?, ?, ?, ?, ?)",
                roundId, validatorId, UtcTimestamps.of(now), n, k);
        if (created == 1) {
            jdbc.update("INSERT INTO probe_target (round_id, node_id, endpoint_url) SELECT ?, node_id, endpoint_url FROM node"
                            + " WHERE kind = 'COMPUTING' AND NOT suspended AND last_status_at >= ?",
                    roundId, UtcTimestamps.of(now.minus(onlineWindow)));
        }
    }

    List<ProbeTarget> unprobed(String roundId, int limit) {
        return jdbc.query("SELECT t.node_id, t.endpoint_url FROM probe_target t LEFT JOIN probe_result r"
                        + " ON r.round_id = t.round_id AND r.node_id = t.node_id"
                        + " WHERE t.round_id = ? AND r.node_id IS NULL ORDER BY t.node_id LIMIT ?",
                (row, i) -> new ProbeTarget(row.getString(1), row.getString(2)), roundId, limit);
    }

    /** The results and one VALIDATOR call record per node, event id {@code <round>:<node>}. */
    void record(String roundId, String validatorId, List<ProbeOutcome> outcomes, long credits, Instant recordedAt) {
        Timestamp recorded = UtcTimestamps.of(recordedAt);
        jdbc.batchUpdate("INSERT IGNORE INTO probe_result (round_id, node_id, status, called_at, latency_ms, gflops, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", outcomes, outcomes.size(), (statement, outcome) -> {
                    statement.setString(1, roundId);
                    statement.setString(2, outcome.target().nodeId());
                    statement.setString(3, outcome.status().name());
                    statement.setTimestamp(4, UtcTimestamps.of(outcome.calledAt()));
                    statement.setLong(5, outcome.latencyMillis());
                    statement.setObject(6, outcome.gflops());
                    statement.setString(7, truncate(outcome.detail()));
                });
        jdbc.batchUpdate("INSERT IGNORE INTO call_record (event_id, node_id, caller_type, caller_id, task_type, status,"
                + " credits, latency_ms, called_at, recorded_at) VALUES (?, ?, 'VALIDATOR', ?, ?, ?, ?, ?, ?, ?)",
                outcomes, outcomes.size(), (statement, outcome) -> {
                    statement.setString(1, roundId + ":" + outcome.target().nodeId());
                    statement.setString(2, outcome.target().nodeId());
                    statement.setString(3, validatorId);
                    statement.setString(4, TASK_TYPE);
                    statement.setString(5, outcome.status().name());
                    statement.setLong(6, credits);
                    statement.setLong(7, outcome.latencyMillis());
                    statement.setTimestamp(8, UtcTimestamps.of(outcome.calledAt()));
                    statement.setTimestamp(9, recorded);
                });
    }

    /** The HUB record paying the validator for the completed round (SETTLEMENT.md §2), once per round. */
    void close(String roundId, String validatorId, long roundCredits, Instant now) {
        jdbc.update("INSERT IGNORE INTO call_record (event_id, node_id, caller_type, caller_id, task_type, status, credits,"
                        + " called_at, recorded_at) VALUES (?, ?, 'HUB', 'hub', 'probe-round', 'SUCCESS', ?, ?, ?)",
                roundId + ":validator-round-credits", validatorId, roundCredits, UtcTimestamps.of(now), UtcTimestamps.of(now));
        jdbc.update("UPDATE probe_round SET finished_at = ? WHERE round_id = ? AND finished_at IS NULL",
                UtcTimestamps.of(now), roundId);
    }

    /** True when the round has run to its end (a round cut off mid-way is not). */
    public boolean finished(String roundId) {
        return !jdbc.queryForList("SELECT 1 FROM probe_round WHERE round_id = ? AND finished_at IS NOT NULL", Integer.class,
                roundId).isEmpty();
    }

    public List<ProbeResultLine> results(String roundId) {
        return jdbc.query("SELECT node_id, status, called_at, latency_ms, gflops, detail FROM probe_result"
                        + " WHERE round_id = ? ORDER BY status, node_id", ProbeRounds::result, roundId);
    }

    /**
     * The node's results in the rounds started since {@code since}, newest first: the few recent rounds, then each
     * one's result by its key, rather than every result ever stored.
     */
    public List<ProbeResultLine> resultsOf(String nodeId, Instant since, int limit) {
        return jdbc.query("SELECT r.node_id, r.status, r.called_at, r.latency_ms, r.gflops, r.detail FROM probe_round p"
                        + " JOIN probe_result r ON r.round_id = p.round_id AND r.node_id = ? WHERE p.started_at >= ?"
                        + " ORDER BY r.called_at DESC LIMIT ?", ProbeRounds::result, nodeId, UtcTimestamps.of(since),
                limit);
    }

    private static ProbeResultLine result(ResultSet row, int i) throws SQLException {
        return new ProbeResultLine(row.getString(1), row.getString(2), UtcTimestamps.toInstant(row.getTimestamp(3)),
                row.getInt(4), row.getObject(5) == null ? null : row.getDouble(5), row.getString(6));
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= 512 ? detail : detail.substring(0, 512);
    }
}
