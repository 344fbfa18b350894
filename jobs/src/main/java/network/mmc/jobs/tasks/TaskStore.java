package network.mmc.jobs.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mmc.jobs.apiusers.ApiUser;
import network.mmc.jobs.apiusers.CreditLedger;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.CallStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The task tables every kind shares: tasks and their units (the dispatch queue), the API_USER call record of each
 * unit attempt and the nodes' track records (each kind's {@link TaskKindHandler} stores its own inputs). Whatever changes a task and its units locks the task's row first, then the units, then the user's balance
 * (through {@link CreditLedger}), so that a cancel, an expiry and a recorded answer never wait on each other in a
 * circle.
 */
@Repository
class TaskStore {

    private static final int MAX_ERROR = 512;

    private final JdbcTemplate jdbc;
    private final CreditLedger ledger;
    private final TaskHandlers handlers;

    TaskStore(JdbcTemplate jdbc, CreditLedger ledger, TaskHandlers handlers) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.handlers = handlers;
    }

    /** The event id of attempt {@code attempt} (from 1) of a unit: {@code task:<task>:<unit>:<attempt>}. */
    static String eventId(String taskId, int unitIndex, int attempt) {
        return "task:" + taskId + ":" + unitIndex + ":" + attempt;
    }

    /** Stores a task and its units (its kind stores its inputs); joins the transaction that holds its credits. */
    @Transactional(propagation = Propagation.MANDATORY)
    void insert(String taskId, ApiUser user, TaskKind kind, TaskPlan plan, Instant deadline, Instant now) {
        jdbc.update("INSERT INTO task (id, api_user_id, kind, status, unit_count, estimate, deadline, submitted_at)"
                        + " VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?)", taskId, user.id(), kind.name(), plan.units().size(),
                plan.estimate(), UtcTimestamps.of(deadline), UtcTimestamps.of(now));
        jdbc.batchUpdate("INSERT INTO task_unit (task_id, unit_index, product_index, first_row, last_row, price, gpu_bytes,"
                + " status) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING')", plan.units(), 1_000, (statement, unit) -> {
                    statement.setString(1, taskId);
                    statement.setInt(2, unit.index());
                    statement.setInt(3, unit.part());
                    statement.setInt(4, unit.first());
                    statement.setInt(5, unit.last());
                    statement.setLong(6, unit.price());
                    statement.setLong(7, unit.gpuBytes());
                });
    }

    Optional<TaskRow> find(String taskId) {
        return jdbc.query("SELECT id, api_user_id, kind, status, unit_count, estimate, deadline, submitted_at, finished_at,"
                + " detail FROM task WHERE id = ?", TaskStore::task, taskId).stream().findFirst();
    }

    /** Units by status, in the order of {@link TaskRow.UnitCounts}. */
    TaskRow.UnitCounts unitCounts(String taskId) {
        return jdbc.queryForObject("SELECT COUNT(CASE WHEN status IN ('PENDING', 'WAITING') THEN 1 END),"
                        + " COUNT(CASE WHEN status = 'RUNNING' THEN 1 END), COUNT(CASE WHEN status = 'DONE' THEN 1 END),"
                        + " COUNT(CASE WHEN status = 'FAILED' THEN 1 END), COUNT(CASE WHEN status = 'CANCELLED' THEN 1 END)"
                        + " FROM task_unit WHERE task_id = ?",
                (row, i) -> new TaskRow.UnitCounts(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4),
                        row.getInt(5)), taskId);
    }

    /** The task's attempts per executing node and status, with the credits they carry: read from its call records. */
    List<TaskRow.NodeAttempts> nodeAttempts(String taskId) {
        return jdbc.query("SELECT node_id, status, COUNT(*), SUM(credits) FROM call_record WHERE event_id LIKE ?"
                        + " GROUP BY node_id, status ORDER BY node_id, status",
                (row, i) -> new TaskRow.NodeAttempts(row.getString(1), CallStatus.valueOf(row.getString(2)),
                        row.getInt(3), row.getLong(4)), "task:" + taskId + ":%");
    }

    /**
     * Cancels a RUNNING task: its PENDING units will never be dispatched and their holds go back; units on a node now
     * finish (charged when verified). False when the task was no longer running.
     */
    @Transactional
    boolean cancel(String taskId, Instant now) {
        return end(taskId, "CANCELLED", "cancelled by the API user", now);
    }

    /** Ends the RUNNING tasks whose deadline has passed, as EXPIRED: their PENDING units are cancelled, not charged. */
    @Transactional
    int expire(Instant now) {
        List<String> overdue = jdbc.queryForList("SELECT id FROM task WHERE status = 'RUNNING' AND deadline < ?",
                String.class, UtcTimestamps.of(now));
        int expired = 0;
        for (String taskId : overdue) {
            if (end(taskId, "EXPIRED", "the deadline passed", now)) {
                expired++;
            }
        }
        return expired;
    }

    /** Locks a RUNNING task, cancels its pending units (holds released) and gives it {@code status}. */
    private boolean end(String taskId, String status, String detail, Instant now) {
        Optional<TaskRow> task = lock(taskId);
        if (task.isEmpty() || !"RUNNING".equals(task.get().status())) {
            return false;
        }
        cancelPending(task.get(), now);
        jdbc.update("UPDATE task SET status = ?, finished_at = ?, detail = ? WHERE id = ?", status, UtcTimestamps.of(now),
                detail, taskId);
        return true;
    }

    private Optional<TaskRow> lock(String taskId) {
        return jdbc.query("SELECT id, api_user_id, kind, status, unit_count, estimate, deadline, submitted_at, finished_at,"
                + " detail FROM task WHERE id = ? FOR UPDATE", TaskStore::task, taskId).stream().findFirst();
    }

    private void cancelPending(TaskRow task, Instant now) {
        record Held(int unitIndex, long price) {
        }
        List<Held> pending = jdbc.query("SELECT unit_index, price FROM task_unit WHERE task_id = ?"
                + " AND status IN ('PENDING', 'WAITING') FOR UPDATE", (row, i) -> new Held(row.getInt(1), row.getLong(2)), task.id());
        jdbc.update("UPDATE task_unit SET status = 'CANCELLED', finished_at = ? WHERE task_id = ?"
                + " AND status IN ('PENDING', 'WAITING')",
                UtcTimestamps.of(now), task.id());
        for (Held unit : pending) {
            ledger.settleUnit(task.apiUserId(), task.id(), unit.unitIndex(), unit.price(), false);
        }
    }

    /** Up to {@code limit} PENDING units of RUNNING tasks, oldest task first, each task's units in order. */
    List<QueuedUnit> pending(int limit) {
        return jdbc.query("SELECT u.task_id, t.kind, u.unit_index, u.product_index, u.first_row, u.last_row, u.price,"
                + " u.gpu_bytes, u.attempts, u.failures FROM task t JOIN task_unit u ON u.task_id = t.id"
                + " AND u.status = 'PENDING' WHERE t.status = 'RUNNING' ORDER BY t.submitted_at, t.id, u.unit_index LIMIT ?",
                (row, i) -> new QueuedUnit(row.getString(1), TaskKind.valueOf(row.getString(2)), row.getInt(3),
                        row.getInt(4), row.getInt(5), row.getInt(6), row.getLong(7), row.getLong(8), row.getInt(9),
                        row.getInt(10)), limit);
    }

    /** The online COMPUTING nodes that may take units, with how many units each runs now (every instance's). */
    List<DispatchNode> dispatchNodes(Instant onlineSince) {
        return jdbc.query("SELECT n.node_id, n.endpoint_url, n.gpu_memory_mb, COUNT(u.task_id) FROM node n"
                        + " LEFT JOIN task_unit u ON u.status = 'RUNNING' AND u.node_id = n.node_id"
                        + " WHERE n.kind = 'COMPUTING' AND NOT n.suspended AND n.endpoint_url IS NOT NULL"
                        + " AND n.last_status_at >= ? GROUP BY n.node_id, n.endpoint_url, n.gpu_memory_mb",
                (row, i) -> new DispatchNode(row.getString(1), row.getString(2), (Integer) row.getObject(3),
                        row.getInt(4)), UtcTimestamps.of(onlineSince));
    }

    /** How each node that ran attempts of this task fared, read from the task's call records. */
    Map<String, NodeRecord> nodeRecords(String taskId) {
        Map<String, NodeRecord> records = new HashMap<>();
        jdbc.query("SELECT node_id, SUM(status = 'WRONG_RESULT'), SUM(status <> 'SUCCESS') FROM call_record"
                        + " WHERE event_id LIKE ? GROUP BY node_id",
                (ResultSet row) -> {
                    records.put(row.getString(1), new NodeRecord(row.getInt(2), row.getInt(3)));
                }, "task:" + taskId + ":%");
        return records;
    }

    /** The nodes an earlier attempt of this unit went to: a retry goes elsewhere. */
    List<String> triedNodes(String taskId, int unitIndex) {
        return jdbc.queryForList("SELECT DISTINCT node_id FROM call_record WHERE event_id LIKE ?", String.class,
                "task:" + taskId + ":" + unitIndex + ":%");
    }

    /** Claims a PENDING unit for {@code nodeId}: the attempt's number, or 0 when another instance claimed it first. */
    @Transactional
    int claim(QueuedUnit unit, String nodeId, String instance, Instant leaseUntil) {
        int claimed = jdbc.update("UPDATE task_unit SET status = 'RUNNING', attempts = attempts + 1, node_id = ?,"
                        + " claimed_by = ?, lease_until = ? WHERE task_id = ? AND unit_index = ? AND status = 'PENDING'",
                nodeId, instance, UtcTimestamps.of(leaseUntil), unit.taskId(), unit.unitIndex());
        if (claimed == 0) {
            return 0;
        }
        return jdbc.queryForObject("SELECT attempts FROM task_unit WHERE task_id = ? AND unit_index = ?", Integer.class,
                unit.taskId(), unit.unitIndex());
    }

    /**
     * Units whose instance has not answered within their lease are PENDING again; that attempt left no record. The
     * overdue units are found by a plain read and updated one by one by key: an update over the RUNNING range would
     * lock every running unit, and deadlock with the attempts being recorded.
     */
    int recoverLeases(Instant now) {
        Timestamp at = UtcTimestamps.of(now);
        record Key(String taskId, int unitIndex) {
        }
        List<Key> overdue = jdbc.query("SELECT task_id, unit_index FROM task_unit WHERE status = 'RUNNING'"
                + " AND lease_until < ?", (row, i) -> new Key(row.getString(1), row.getInt(2)), at);
        int recovered = 0;
        for (Key unit : overdue) {
            recovered += jdbc.update("UPDATE task_unit SET status = 'PENDING', node_id = NULL, claimed_by = NULL,"
                    + " lease_until = NULL, last_error = 'the Hub instance that sent it stopped before recording an answer'"
                    + " WHERE task_id = ? AND unit_index = ? AND status = 'RUNNING' AND lease_until < ?", unit.taskId(),
                    unit.unitIndex(), at);
        }
        return recovered;
    }

    /**
     * Records one attempt: its call record, and when the unit is still this instance's attempt, what becomes of it.
     * A verified answer makes the unit DONE, charges its price and tells its kind ({@link TaskKindHandler#unitDone},
     * in this transaction, under the task's lock; the last unit ends the task); a failed, timed-out
     * or wrong one makes it PENDING for another node, or FAILED (with its task) after {@code maxAttempts}, or
     * CANCELLED when its task no longer runs. An attempt whose lease was lost records its call with no credits.
     */
    @Transactional
    void record(Attempt attempt, String instance, int maxAttempts, Instant now) {
        TaskRow task = lock(attempt.unit().taskId()).orElseThrow();
        QueuedUnit unit = attempt.unit();
        List<Integer> failures = jdbc.queryForList("SELECT failures FROM task_unit WHERE task_id = ? AND unit_index = ?"
                        + " AND status = 'RUNNING' AND attempts = ? AND claimed_by = ? FOR UPDATE", Integer.class,
                unit.taskId(), unit.unitIndex(), attempt.number(), instance);
        boolean charged = false;
        if (!failures.isEmpty()) {
            Timestamp at = UtcTimestamps.of(now);
            if (attempt.status() == CallStatus.SUCCESS) {
                jdbc.update("UPDATE task_unit SET status = 'DONE', result = ?, finished_at = ?, claimed_by = NULL,"
                        + " lease_until = NULL, last_error = NULL WHERE task_id = ? AND unit_index = ?",
                        attempt.result(), at, unit.taskId(), unit.unitIndex());
                ledger.settleUnit(task.apiUserId(), unit.taskId(), unit.unitIndex(), unit.price(), true);
                charged = true;
                String stopped = "RUNNING".equals(task.status()) ? handlers.of(unit.kind()).unitDone(unit) : null;
                if (stopped != null) {
                    failTask(task, stopped, at);
                } else {
                    finishIfComplete(task, at);
                }
            } else {
                failed(task, unit, failures.get(0) + 1, attempt.detail(), maxAttempts, at);
            }
        }
        jdbc.update("INSERT IGNORE INTO call_record (event_id, node_id, caller_type, caller_id, caller_wallet, task_type,"
                        + " status, credits, latency_ms, called_at, recorded_at) VALUES (?, ?, 'API_USER', ?, ?, ?, ?, ?, ?, ?, ?)",
                eventId(unit.taskId(), unit.unitIndex(), attempt.number()), attempt.nodeId(), attempt.userName(),
                attempt.wallet(), attempt.taskType(), attempt.status().name(), charged ? unit.price() : 0,
                (int) Math.min(Integer.MAX_VALUE, attempt.latencyMillis()), UtcTimestamps.of(attempt.calledAt()),
                UtcTimestamps.of(now));
    }

    /**
     * Counts a checked answer in the node's track record: a verified one lengthens its clean run, a wrong one ends it.
     * A statement of its own, after the attempt's transaction: the record only sets how often the node is checked,
     * and the attempt's transaction keeps its locks short.
     */
    void countCheck(String nodeId, boolean verified, Instant now) {
        Timestamp at = UtcTimestamps.of(now);
        if (verified) {
            jdbc.update("INSERT INTO node_track_record (node_id, clean_checks, wrong_results, updated_at) VALUES (?, 1, 0, ?)"
                    + " ON DUPLICATE KEY UPDATE clean_checks = clean_checks + 1, updated_at = ?", nodeId, at, at);
        } else {
            jdbc.update("INSERT INTO node_track_record (node_id, clean_checks, wrong_results, last_wrong_at, updated_at)"
                    + " VALUES (?, 0, 1, ?, ?) ON DUPLICATE KEY UPDATE clean_checks = 0, wrong_results = wrong_results + 1,"
                    + " last_wrong_at = ?, updated_at = ?", nodeId, at, at, at, at);
        }
    }

    /** The verified answers the node gave since its last wrong one (0 for a node never checked). */
    long cleanChecks(String nodeId) {
        return jdbc.queryForList("SELECT clean_checks FROM node_track_record WHERE node_id = ?", Long.class, nodeId)
                .stream().findFirst().orElse(0L);
    }

    /**
     * A PENDING unit that no online node may retry (every one tried it or is excluded) fails, and its task with it.
     */
    @Transactional
    void failUnretryable(QueuedUnit unit, String reason, Instant now) {
        TaskRow task = lock(unit.taskId()).orElseThrow();
        if (jdbc.update("UPDATE task_unit SET status = 'FAILED', finished_at = ?, last_error = ? WHERE task_id = ?"
                + " AND unit_index = ? AND status = 'PENDING'", UtcTimestamps.of(now), reason, unit.taskId(),
                unit.unitIndex()) == 1) {
            ledger.settleUnit(task.apiUserId(), unit.taskId(), unit.unitIndex(), unit.price(), false);
            failTask(task, "unit " + unit.unitIndex() + " failed: " + reason, UtcTimestamps.of(now));
        }
    }

    private void failed(TaskRow task, QueuedUnit unit, int failures, String detail, int maxAttempts, Timestamp at) {
        String error = detail == null ? null : detail.length() <= MAX_ERROR ? detail : detail.substring(0, MAX_ERROR);
        String next = !"RUNNING".equals(task.status()) ? "CANCELLED" : failures >= maxAttempts ? "FAILED" : "PENDING";
        jdbc.update("UPDATE task_unit SET status = ?, failures = ?, last_error = ?, claimed_by = NULL, lease_until = NULL,"
                        + " node_id = CASE WHEN ? = 'PENDING' THEN NULL ELSE node_id END,"
                        + " finished_at = CASE WHEN ? = 'PENDING' THEN NULL ELSE ? END WHERE task_id = ? AND unit_index = ?",
                next, failures, error, next, next, at, unit.taskId(), unit.unitIndex());
        if (!"PENDING".equals(next)) {
            ledger.settleUnit(task.apiUserId(), unit.taskId(), unit.unitIndex(), unit.price(), false);
        }
        if ("FAILED".equals(next)) {
            failTask(task, "unit " + unit.unitIndex() + " failed " + failures + " times; the last: " + error, at);
        }
    }

    private void failTask(TaskRow task, String detail, Timestamp at) {
        if ("RUNNING".equals(task.status())) {
            cancelPending(task, UtcTimestamps.toInstant(at));
            jdbc.update("UPDATE task SET status = 'FAILED', finished_at = ?, detail = ? WHERE id = ?", at,
                    detail.length() <= 500 ? detail : detail.substring(0, 500), task.id());
        }
    }

    /**
     * A plain read of the units, not a subquery of the UPDATE: that would share-lock every unit of the task, and a
     * claim of one of them (which holds its row, then writes its index entries) deadlocked with it. Units become DONE
     * only under the task's lock, which this transaction holds, so the read sees every one.
     */
    private void finishIfComplete(TaskRow task, Timestamp at) {
        if ("RUNNING".equals(task.status()) && jdbc.queryForObject("SELECT COUNT(*) FROM task_unit WHERE task_id = ?"
                + " AND status <> 'DONE'", Integer.class, task.id()) == 0) {
            jdbc.update("UPDATE task SET status = 'DONE', finished_at = ? WHERE id = ?", at, task.id());
        }
    }

    /** The results of a task's units, in unit order. */
    TaskKindHandler.UnitResults results(String taskId) {
        return consumer -> jdbc.query("SELECT unit_index, product_index, first_row, last_row, result FROM task_unit"
                + " WHERE task_id = ? ORDER BY unit_index", (ResultSet row) -> {
                    try {
                        consumer.accept(row.getInt(1), row.getInt(2), row.getInt(3), row.getInt(4), row.getBytes(5));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, taskId);
    }

    static byte[] bytes(float[] values) {
        if (values == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    static float[] floats(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        float[] values = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static TaskRow task(ResultSet row, int i) throws SQLException {
        Timestamp finished = row.getTimestamp(9);
        return new TaskRow(row.getString(1), row.getLong(2), TaskKind.valueOf(row.getString(3)), row.getString(4),
                row.getInt(5), row.getLong(6), UtcTimestamps.toInstant(row.getTimestamp(7)),
                UtcTimestamps.toInstant(row.getTimestamp(8)), finished == null ? null : UtcTimestamps.toInstant(finished),
                row.getString(10));
    }

    /**
     * A node's attempts at one task that were not verified: {@code wrong} answers (the node is excluded from the task),
     * and {@code failed} attempts of any kind (failed, timed out or wrong).
     */
    record NodeRecord(int wrong, int failed) {

        static final NodeRecord NONE = new NodeRecord(0, 0);
    }

    /** A node units may go to: its endpoint, reported GPU memory (null: none reported) and units running on it. */
    record DispatchNode(String nodeId, String endpoint, Integer gpuMemoryMb, int running) {

        boolean holds(long gpuBytes) {
            return gpuMemoryMb == null || gpuMemoryMb <= 0 || (long) gpuMemoryMb << 20 >= gpuBytes;
        }
    }

    /** What one attempt came to, for {@link #record}. */
    record Attempt(QueuedUnit unit, String taskType, int number, String nodeId, String userName, String wallet,
                   Instant calledAt, long latencyMillis, CallStatus status, String detail, byte[] result, boolean checked) {
    }
}
