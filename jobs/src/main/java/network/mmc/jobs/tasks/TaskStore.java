package network.mmc.jobs.tasks;

import com.mysql.cj.jdbc.JdbcConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import network.mmc.jobs.apiusers.ApiUser;
import network.mmc.jobs.apiusers.CreditLedger;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.CallStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The task tables every kind shares: tasks and their units (the dispatch queue), the API_USER call record of each
 * unit attempt and the nodes' track records (each kind's {@link TaskKindHandler} stores its own inputs). Whatever changes a task and its units locks the task's row first, then the units, then the user's balance
 * (through {@link CreditLedger}), so that a cancel, an expiry and a recorded answer never wait on each other in a
 * circle.
 */
@Repository
class TaskStore {

    /** The lengths of task_unit.last_error and task.detail. */
    private static final int MAX_ERROR = 512;
    private static final int MAX_DETAIL = 500;
    /** Answers stored by one statement, in bytes: far below the server's smallest usual max_allowed_packet (4 MiB). */
    private static final long RESULT_BYTES_AT_ONCE = 1 << 20;

    private final JdbcTemplate jdbc;
    private final CreditLedger ledger;
    private final TaskHandlers handlers;
    private final TransactionTemplate transactions;

    TaskStore(JdbcTemplate jdbc, CreditLedger ledger, TaskHandlers handlers, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.handlers = handlers;
        this.transactions = new TransactionTemplate(transactions);
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

    private int cancelPending(TaskRow task, Instant now) {
        List<HeldUnit> pending = jdbc.query("SELECT unit_index, price FROM task_unit WHERE task_id = ?"
                + " AND status IN ('PENDING', 'WAITING') FOR UPDATE", (row, i) -> new HeldUnit(row.getInt(1),
                row.getLong(2)), task.id());
        jdbc.update("UPDATE task_unit SET status = 'CANCELLED', finished_at = ? WHERE task_id = ?"
                + " AND status IN ('PENDING', 'WAITING')",
                UtcTimestamps.of(now), task.id());
        for (HeldUnit unit : pending) {
            ledger.releaseUnit(task.apiUserId(), task.id(), unit.unitIndex(), unit.price());
        }
        return pending.size();
    }

    /**
     * Deletes the inputs and unit results of up to {@code limit} tasks that no longer need them: a task that ended with
     * no unit done (cancelled, expired, failed) once none of its units runs, any other {@code retention} after it
     * finished (a DONE task's result, the part of one an ended task's done units computed). Each task in a transaction
     * of its own, under its lock; the task, its units and call records stay.
     */
    int purge(Instant now, Duration retention, int limit) {
        Timestamp kept = UtcTimestamps.of(now.minus(retention));
        List<String> due = jdbc.queryForList("SELECT id FROM task WHERE purged_at IS NULL AND (status = 'DONE'"
                + " AND finished_at < ? OR status IN ('CANCELLED', 'EXPIRED', 'FAILED') AND NOT EXISTS (SELECT 1"
                + " FROM task_unit u WHERE u.task_id = task.id AND u.status = 'RUNNING') AND (finished_at < ?"
                + " OR NOT EXISTS (SELECT 1 FROM task_unit u WHERE u.task_id = task.id AND u.status = 'DONE')))"
                + " ORDER BY id LIMIT ?", String.class, kept, kept, limit);
        int purged = 0;
        for (String taskId : due) {
            purged += transactions.execute(status -> {
                TaskRow task = lock(taskId).orElseThrow();
                if (jdbc.update("UPDATE task SET purged_at = ? WHERE id = ? AND purged_at IS NULL AND (status IN"
                        + " ('CANCELLED', 'EXPIRED', 'FAILED') AND (finished_at < ? OR NOT EXISTS (SELECT 1 FROM"
                        + " task_unit u WHERE u.task_id = ? AND u.status = 'DONE')) OR status = 'DONE' AND finished_at < ?)",
                        UtcTimestamps.of(now), taskId, kept, taskId, kept) == 0) {
                    return 0;
                }
                jdbc.update("DELETE FROM task_unit_result WHERE task_id = ?", taskId);
                handlers.of(task.kind()).deleteInputs(taskId);
                return 1;
            });
        }
        return purged;
    }

    /** When the task's inputs and results were deleted; empty while they are kept. */
    Optional<Instant> purgedAt(String taskId) {
        return jdbc.query("SELECT purged_at FROM task WHERE id = ? AND purged_at IS NOT NULL",
                (row, i) -> UtcTimestamps.toInstant(row.getTimestamp(1)), taskId).stream().findFirst();
    }

    /**
     * Up to {@code limit} PENDING units of RUNNING tasks, oldest task first, each task's units in order. Task by task:
     * one join ordered across tasks sorted every pending unit of the queue before the limit applied.
     */
    List<QueuedUnit> pending(int limit) {
        record Running(String id, TaskKind kind, String userName, String userWallet) {
        }
        List<Running> tasks = jdbc.query("SELECT t.id, t.kind, a.name, a.wallet FROM task t JOIN api_user a"
                + " ON a.id = t.api_user_id WHERE t.status = 'RUNNING' ORDER BY t.submitted_at, t.id",
                (row, i) -> new Running(row.getString(1), TaskKind.valueOf(row.getString(2)), row.getString(3),
                        row.getString(4)));
        List<QueuedUnit> units = new ArrayList<>();
        for (Running task : tasks) {
            if (units.size() == limit) {
                break;
            }
            units.addAll(jdbc.query("SELECT unit_index, product_index, first_row, last_row, price, gpu_bytes, attempts,"
                    + " failures FROM task_unit WHERE status = 'PENDING' AND task_id = ? ORDER BY unit_index LIMIT ?",
                    (row, i) -> new QueuedUnit(task.id(), task.kind(), row.getInt(1), row.getInt(2), row.getInt(3),
                            row.getInt(4), row.getLong(5), row.getLong(6), row.getInt(7), row.getInt(8), task.userName(),
                            task.userWallet()), task.id(), limit - units.size()));
        }
        return units;
    }

    /** The online COMPUTING nodes that may take units, with their clean run of checked answers. */
    List<DispatchNode> dispatchNodes(Instant onlineSince) {
        return jdbc.query("SELECT n.node_id, n.endpoint_url, n.gpu_memory_mb, COALESCE(r.clean_checks, 0) FROM node n"
                        + " LEFT JOIN node_track_record r ON r.node_id = n.node_id"
                        + " WHERE n.kind = 'COMPUTING' AND NOT n.suspended AND n.endpoint_url IS NOT NULL"
                        + " AND n.last_status_at >= ?",
                (row, i) -> new DispatchNode(row.getString(1), row.getString(2), (Integer) row.getObject(3),
                        row.getLong(4)), UtcTimestamps.of(onlineSince));
    }

    /** The units' attempts running now, every instance's: a node's load. */
    List<RunningAttempt> runningAttempts() {
        return jdbc.query("SELECT task_id, unit_index, attempts, node_id, claimed_by FROM task_unit"
                + " WHERE status = 'RUNNING'", (row, i) -> new RunningAttempt(row.getString(1), row.getInt(2),
                row.getInt(3), row.getString(4), row.getString(5)));
    }

    /** The nodes whose attempts at this task were not all verified, and how many were not. */
    Map<String, NodeRecord> nodeRecords(String taskId) {
        Map<String, NodeRecord> records = new HashMap<>();
        jdbc.query("SELECT node_id, wrong_results, failed_attempts FROM task_node_record WHERE task_id = ?",
                (ResultSet row) -> {
                    records.put(row.getString(1), new NodeRecord(row.getInt(2), row.getInt(3)));
                }, taskId);
        return records;
    }

    /** The nodes an earlier attempt of this unit went to: a retry goes elsewhere. */
    List<String> triedNodes(String taskId, int unitIndex) {
        return jdbc.queryForList("SELECT DISTINCT node_id FROM call_record WHERE event_id LIKE ?", String.class,
                "task:" + taskId + ":" + unitIndex + ":%");
    }

    /**
     * Claims PENDING units, each for its node, in one transaction: whether each claim was won. A unit another instance
     * claimed since it was read (or claimed, failed and put back) is not: its attempt number would not be the one read.
     */
    @Transactional
    boolean[] claim(List<Claim> claims, String instance, Instant leaseUntil) {
        Timestamp until = UtcTimestamps.of(leaseUntil);
        // one round trip: the driver sends the updates as one multi-statement and reads each one's count
        int[] counts = jdbc.batchUpdate("UPDATE task_unit SET status = 'RUNNING', attempts = attempts + 1, node_id = ?,"
                + " claimed_by = ?, lease_until = ? WHERE task_id = ? AND unit_index = ? AND status = 'PENDING'"
                + " AND attempts = ?", claims.stream().map(claim -> new Object[] {claim.node().nodeId(), instance, until,
                        claim.unit().taskId(), claim.unit().unitIndex(), claim.unit().attempts()}).toList());
        boolean[] won = new boolean[claims.size()];
        for (int i = 0; i < claims.size(); i++) {
            won[i] = counts[i] == 1;
        }
        return won;
    }

    /**
     * Units whose instance has not answered within their lease are PENDING again; that attempt left no record. A unit
     * whose task ended meanwhile (cancelled, expired, failed) is CANCELLED instead and its hold released: nothing would
     * dispatch it again. The overdue units are found by a plain read, then handled task by task in one transaction
     * each, under the task's lock and by key, as answers are recorded: an update over the RUNNING range would lock
     * every running unit, and deadlock with the attempts being recorded.
     */
    int recoverLeases(Instant now) {
        Timestamp at = UtcTimestamps.of(now);
        Map<String, List<HeldUnit>> overdue = new TreeMap<>();
        jdbc.query("SELECT task_id, unit_index, price FROM task_unit WHERE status = 'RUNNING' AND lease_until < ?"
                + " ORDER BY task_id, unit_index", (ResultSet row) -> {
                    overdue.computeIfAbsent(row.getString(1), taskId -> new ArrayList<>())
                            .add(new HeldUnit(row.getInt(2), row.getLong(3)));
                }, at);
        int recovered = 0;
        for (Map.Entry<String, List<HeldUnit>> task : overdue.entrySet()) {
            recovered += transactions.execute(status -> recoverLeases(task.getKey(), task.getValue(), at));
        }
        return recovered;
    }

    private int recoverLeases(String taskId, List<HeldUnit> units, Timestamp at) {
        Optional<TaskRow> task = lock(taskId);
        if (task.isEmpty()) {
            return 0;
        }
        boolean running = "RUNNING".equals(task.get().status());
        int recovered = 0;
        for (HeldUnit unit : units) {
            if (running) {
                recovered += jdbc.update("UPDATE task_unit SET status = 'PENDING', node_id = NULL, claimed_by = NULL,"
                        + " lease_until = NULL, last_error = 'the Hub instance that sent it stopped before recording an"
                        + " answer' WHERE task_id = ? AND unit_index = ? AND status = 'RUNNING' AND lease_until < ?",
                        taskId, unit.unitIndex(), at);
            } else {
                recovered += cancelUnit(task.get(), unit, "its task ended (" + task.get().status()
                        + ") while the Hub instance that sent it had not recorded an answer", at, true);
            }
        }
        return recovered;
    }

    /**
     * Hands back units this instance claimed and did not send, as if never claimed: PENDING again, with the attempt
     * number they had; a unit whose task ended meanwhile is CANCELLED and its hold released. Only this claim of each:
     * one its lease gave back, and another claim took since, is left alone. Task by task, under the task's lock, as
     * answers are recorded.
     */
    void release(List<QueuedUnit> units, String instance, String reason, Instant now) {
        Timestamp at = UtcTimestamps.of(now);
        Map<String, List<QueuedUnit>> byTask = new TreeMap<>();
        units.forEach(unit -> byTask.computeIfAbsent(unit.taskId(), taskId -> new ArrayList<>()).add(unit));
        byTask.forEach((taskId, ofTask) -> transactions.executeWithoutResult(status -> {
            Optional<TaskRow> task = lock(taskId);
            for (QueuedUnit unit : ofTask) {
                if (task.isPresent() && "RUNNING".equals(task.get().status())) {
                    jdbc.update("UPDATE task_unit SET status = 'PENDING', attempts = attempts - 1, node_id = NULL,"
                            + " claimed_by = NULL, lease_until = NULL WHERE task_id = ? AND unit_index = ?"
                            + " AND status = 'RUNNING' AND claimed_by = ? AND attempts = ?", taskId, unit.unitIndex(),
                            instance, unit.attempts() + 1);
                } else if (task.isPresent()) {
                    cancelUnitWhere(task.get(), new HeldUnit(unit.unitIndex(), unit.price()), "its task ended ("
                            + task.get().status() + ") before it was sent: " + reason, at,
                            " AND claimed_by = ? AND attempts = ?", instance, unit.attempts() + 1);
                }
            }
        }));
    }

    /**
     * Cancels a RUNNING unit of an ended task and releases its hold: 1, or 0 when the unit was no longer RUNNING (or,
     * {@code onlyOverdue}, its lease had not run out by {@code at}: an instance still has it).
     */
    private int cancelUnit(TaskRow task, HeldUnit unit, String reason, Timestamp at, boolean onlyOverdue) {
        return onlyOverdue ? cancelUnitWhere(task, unit, reason, at, " AND lease_until < ?", at)
                : cancelUnitWhere(task, unit, reason, at, "");
    }

    /** {@link #cancelUnit}, when the RUNNING unit also meets {@code condition}. */
    private int cancelUnitWhere(TaskRow task, HeldUnit unit, String reason, Timestamp at, String condition,
                                Object... conditionArguments) {
        List<Object> arguments = new ArrayList<>(List.of(at, reason, task.id(), unit.unitIndex()));
        arguments.addAll(List.of(conditionArguments));
        int cancelled = jdbc.update("UPDATE task_unit SET status = 'CANCELLED', finished_at = ?, last_error = ?,"
                + " claimed_by = NULL, lease_until = NULL WHERE task_id = ? AND unit_index = ? AND status = 'RUNNING'"
                + condition, arguments.toArray());
        if (cancelled == 1) {
            ledger.releaseUnit(task.apiUserId(), task.id(), unit.unitIndex(), unit.price());
        }
        return cancelled;
    }

    /**
     * Units left PENDING or WAITING under a task that has ended, with their holds: what lease recovery made of a unit
     * whose task had ended before it learnt to cancel those. Each is CANCELLED and its hold released, task by task.
     */
    int cancelOrphanedUnits(Instant now) {
        Timestamp at = UtcTimestamps.of(now);
        List<String> tasks = jdbc.queryForList("SELECT DISTINCT u.task_id FROM task_unit u JOIN task t ON t.id = u.task_id"
                + " WHERE u.status IN ('PENDING', 'WAITING') AND t.status <> 'RUNNING' ORDER BY u.task_id", String.class);
        int cancelled = 0;
        for (String taskId : tasks) {
            cancelled += transactions.execute(status -> {
                TaskRow task = lock(taskId).orElseThrow();
                return "RUNNING".equals(task.status()) ? 0 : cancelPending(task, UtcTimestamps.toInstant(at));
            });
        }
        return cancelled;
    }

    /**
     * Records finished attempts in one transaction (one commit for many answers): each one's call record, and when the
     * unit is still that attempt's, what becomes of it. A verified answer makes the unit DONE, charges its price and
     * tells its kind ({@link TaskKindHandler#unitsDone}, once per part, under the task's lock; the last unit ends the
     * task); a failed, timed-out or wrong one makes it PENDING for another node, or FAILED (with its task) after {@code maxAttempts},
     * or CANCELLED when its task no longer runs, and counts against the node in {@code task_node_record}. An attempt
     * whose lease was lost records its call with no credits. A wrong answer ends the node's clean run of checked
     * answers here; verified ones are returned, per node, for {@link #addCleanChecks} to count later: one statement
     * per node and batch would cost more than the rest of the recording, and counting them late only has the node
     * checked more often meanwhile. Locks are taken in one order, tasks by id, then their units, then balances and
     * nodes' records by key, so that two instances recording at once never wait on each other in a circle.
     */
    @Transactional
    Map<String, Integer> record(List<Attempt> attempts, String instance, int maxAttempts, Clock clock) {
        Map<String, TaskRow> tasks = new TreeMap<>();
        attempts.forEach(attempt -> tasks.put(attempt.unit().taskId(), null));
        tasks.replaceAll((taskId, none) -> lock(taskId).orElseThrow());
        // after the locks, which may have been waited for: settlement reads the call records by the time they are
        // stored at, within its clock-skew allowance
        Timestamp at = UtcTimestamps.of(clock.instant());
        Map<UnitKey, Integer> current = new HashMap<>();
        tasks.keySet().forEach(taskId -> current.putAll(runningUnits(taskId, attempts, instance)));
        Map<String, List<QueuedUnit>> charged = new TreeMap<>();
        Map<TaskNode, NodeRecord> unverified = new TreeMap<>(Comparator.comparing(TaskNode::taskId)
                .thenComparing(TaskNode::nodeId));
        Map<String, TrackRecordChange> checks = new TreeMap<>();
        List<Object[]> done = new ArrayList<>();
        List<Object[]> calls = new ArrayList<>(attempts.size());
        for (Attempt attempt : attempts) {
            QueuedUnit unit = attempt.unit();
            Integer failures = current.get(new UnitKey(unit.taskId(), unit.unitIndex(), attempt.number()));
            TaskRow task = tasks.get(unit.taskId());
            boolean charge = failures != null && attempt.status() == CallStatus.SUCCESS && !attempt.unfit()
                    && chargeable(task, attempt);
            if (failures != null && attempt.unfit()) {
                tasks.put(unit.taskId(), unfit(task, unit, attempt.detail(), at));
            } else if (failures != null && attempt.status() == CallStatus.SUCCESS && !charge) {
                cancelUnit(task, new HeldUnit(unit.unitIndex(), unit.price()), "verified, but its task had ended ("
                        + task.status() + ") when it was sent or answered: not charged", at, false);
            } else if (charge) {
                done.add(new Object[] {unit.taskId(), unit.unitIndex(), attempt.result()});
                charged.computeIfAbsent(unit.taskId(), taskId -> new ArrayList<>()).add(unit);
            } else if (failures != null) {
                tasks.put(unit.taskId(), failed(tasks.get(unit.taskId()), unit, failures + 1, attempt.detail(),
                        maxAttempts, at));
            }
            if (attempt.status() != CallStatus.SUCCESS) {
                unverified.merge(new TaskNode(unit.taskId(), attempt.nodeId()),
                        new NodeRecord(attempt.status() == CallStatus.WRONG_RESULT ? 1 : 0, 1), NodeRecord::plus);
            }
            if (attempt.checked()) {
                checks.merge(attempt.nodeId(), TrackRecordChange.of(attempt.status() == CallStatus.SUCCESS),
                        TrackRecordChange::then);
            }
            calls.add(new Object[] {eventId(unit.taskId(), unit.unitIndex(), attempt.number()), attempt.nodeId(),
                    unit.userName(), unit.userWallet(), attempt.taskType(), attempt.status().name(),
                    charge ? unit.price() : 0, (int) Math.min(Integer.MAX_VALUE, attempt.latencyMillis()),
                    UtcTimestamps.of(attempt.calledAt()), at});
        }
        charged.forEach((taskId, units) -> finishUnits(taskId, units, at));
        insertResults(done);
        charged.forEach((taskId, units) -> units.stream().map(QueuedUnit::part).distinct().sorted().forEach(part -> {
            TaskRow task = tasks.get(taskId);
            // a cancelled task's units sent before the cancel, charged, still complete their part (a training step is
            // applied, though no later one runs): its user paid for them
            String stopped = "RUNNING".equals(task.status()) || "CANCELLED".equals(task.status())
                    ? handlers.of(task.kind()).unitsDone(taskId, part) : null;
            if (stopped != null) {
                tasks.put(taskId, failTask(task, stopped, at));
            }
        }));
        charged.forEach((taskId, units) -> ledger.chargeUnits(tasks.get(taskId).apiUserId(), taskId, units.stream()
                .map(unit -> new CreditLedger.UnitPrice(unit.unitIndex(), unit.price())).toList()));
        tasks.values().forEach(task -> finishIfComplete(task, at));
        jdbc.batchUpdate("INSERT IGNORE INTO call_record (event_id, node_id, caller_type, caller_id, caller_wallet,"
                + " task_type, status, credits, latency_ms, called_at, recorded_at)"
                + " VALUES (?, ?, 'API_USER', ?, ?, ?, ?, ?, ?, ?, ?)", calls);
        jdbc.batchUpdate("INSERT INTO task_node_record (task_id, node_id, wrong_results, failed_attempts) VALUES (?, ?, ?, ?)"
                + " ON DUPLICATE KEY UPDATE wrong_results = wrong_results + ?, failed_attempts = failed_attempts + ?",
                unverified.entrySet().stream().map(entry -> new Object[] {entry.getKey().taskId(),
                        entry.getKey().nodeId(), entry.getValue().wrong(), entry.getValue().failed(),
                        entry.getValue().wrong(), entry.getValue().failed()}).toList());
        // a wrong answer ends the clean run: the verified ones after it in the batch start the next one
        jdbc.batchUpdate("INSERT INTO node_track_record (node_id, clean_checks, wrong_results, last_wrong_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE clean_checks = ?, wrong_results = wrong_results + ?,"
                + " last_wrong_at = ?, updated_at = ?", checks.entrySet().stream()
                .filter(entry -> entry.getValue().wrong() > 0).map(entry -> {
                    TrackRecordChange change = entry.getValue();
                    return new Object[] {entry.getKey(), change.cleanAfter(), change.wrong(), at, at,
                            change.cleanAfter(), change.wrong(), at, at};
                }).toList());
        Map<String, Integer> verified = new TreeMap<>();
        checks.forEach((nodeId, change) -> {
            if (change.wrong() == 0) {
                verified.put(nodeId, change.cleanAfter());
            }
        });
        return verified;
    }

    /**
     * Adds verified answers, counted since {@code countedSince}, to their nodes' clean runs; a node whose last wrong
     * answer was recorded since then gets none of them, as some may have come before it.
     */
    void addCleanChecks(Map<String, Long> verified, Instant countedSince, Instant now) {
        Timestamp since = UtcTimestamps.of(countedSince);
        Timestamp at = UtcTimestamps.of(now);
        jdbc.batchUpdate("INSERT INTO node_track_record (node_id, clean_checks, wrong_results, updated_at) VALUES (?, ?, 0, ?)"
                + " ON DUPLICATE KEY UPDATE clean_checks = clean_checks"
                + " + CASE WHEN last_wrong_at IS NULL OR last_wrong_at < ? THEN ? ELSE 0 END, updated_at = ?",
                verified.entrySet().stream().map(entry -> new Object[] {entry.getKey(), entry.getValue(), at, since,
                        entry.getValue(), at}).toList());
    }

    /** The verified units of one task are DONE: one statement for all of them, whose rows this transaction holds. */
    private void finishUnits(String taskId, List<QueuedUnit> units, Timestamp at) {
        List<Object> arguments = new ArrayList<>(units.size() + 2);
        arguments.add(at);
        arguments.add(taskId);
        units.forEach(unit -> arguments.add(unit.unitIndex()));
        jdbc.update("UPDATE task_unit SET status = 'DONE', finished_at = ?, claimed_by = NULL, lease_until = NULL,"
                + " last_error = NULL WHERE task_id = ? AND unit_index IN (" + placeholders(units.size()) + ")",
                arguments.toArray());
    }

    private static String placeholders(int count) {
        return "?, ".repeat(count - 1) + "?";
    }

    /**
     * Stores the answers through server-side prepared multi-row inserts of up to {@link #RESULT_BYTES_AT_ONCE} bytes
     * (a larger answer goes alone): bytes go as they are, and a batch costs a round trip or two rather than one per
     * answer. The connection's client-side statements would write a blob as an escaped literal, and for batches of
     * 4 KB answers the escaping took more of the recorder's CPU than the rest of the recording.
     */
    private void insertResults(List<Object[]> results) {
        lots(results, result -> ((byte[]) result[2]).length, RESULT_BYTES_AT_ONCE).forEach(this::insertResultRows);
    }

    /** {@code items} in order, cut into lots of at most {@code limit} bytes each; an item larger than that goes alone. */
    static <T> List<List<T>> lots(List<T> items, ToLongFunction<T> bytes, long limit) {
        List<List<T>> lots = new ArrayList<>();
        int from = 0;
        while (from < items.size()) {
            int to = from + 1;
            long lot = bytes.applyAsLong(items.get(from));
            while (to < items.size() && (lot += bytes.applyAsLong(items.get(to))) <= limit) {
                to++;
            }
            lots.add(items.subList(from, to));
            from = to;
        }
        return lots;
    }

    private void insertResultRows(List<Object[]> rows) {
        jdbc.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.unwrap(JdbcConnection.class).serverPrepareStatement(
                    "INSERT INTO task_unit_result (task_id, unit_index, result) VALUES "
                            + "(?, ?, ?), ".repeat(rows.size() - 1) + "(?, ?, ?)")) {
                int parameter = 1;
                for (Object[] row : rows) {
                    insert.setString(parameter++, (String) row[0]);
                    insert.setInt(parameter++, (Integer) row[1]);
                    insert.setBytes(parameter++, (byte[]) row[2]);
                }
                return insert.executeUpdate();
            }
        });
    }

    /**
     * Whether a verified answer is charged: while its task runs, or when the task was cancelled after the unit was
     * sent (a cancel stops the units not yet sent; those on a node finish). An expired or failed task's units not done
     * by its end are not charged: its user gets no result from it.
     */
    private static boolean chargeable(TaskRow task, Attempt attempt) {
        return "RUNNING".equals(task.status()) || "CANCELLED".equals(task.status()) && task.finishedAt() != null
                && attempt.calledAt().isBefore(task.finishedAt());
    }

    /** The units of this task among the attempts that are still those attempts' (RUNNING, claimed by this instance). */
    private Map<UnitKey, Integer> runningUnits(String taskId, List<Attempt> attempts, String instance) {
        List<Object> arguments = new ArrayList<>();
        arguments.add(taskId);
        arguments.add(instance);
        attempts.stream().filter(attempt -> attempt.unit().taskId().equals(taskId))
                .forEach(attempt -> arguments.add(attempt.unit().unitIndex()));
        Map<UnitKey, Integer> running = new HashMap<>();
        jdbc.query("SELECT unit_index, attempts, failures FROM task_unit WHERE task_id = ? AND status = 'RUNNING'"
                        + " AND claimed_by = ? AND unit_index IN (" + placeholders(arguments.size() - 2) + ") FOR UPDATE",
                (ResultSet row) -> {
                    running.put(new UnitKey(taskId, row.getInt(1), row.getInt(2)), row.getInt(3));
                }, arguments.toArray());
        return running;
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
            ledger.releaseUnit(task.apiUserId(), unit.taskId(), unit.unitIndex(), unit.price());
            failTask(task, "unit " + unit.unitIndex() + " failed: " + reason, UtcTimestamps.of(now));
        }
    }

    /** A unit's attempt failed: the unit goes back, fails or is cancelled; its task as it is now. */
    private TaskRow failed(TaskRow task, QueuedUnit unit, int failures, String detail, int maxAttempts, Timestamp at) {
        String error = detail == null ? null : atMost(detail, MAX_ERROR);
        String next = !"RUNNING".equals(task.status()) ? "CANCELLED" : failures >= maxAttempts ? "FAILED" : "PENDING";
        jdbc.update("UPDATE task_unit SET status = ?, failures = ?, last_error = ?, claimed_by = NULL, lease_until = NULL,"
                        + " node_id = CASE WHEN ? = 'PENDING' THEN NULL ELSE node_id END,"
                        + " finished_at = CASE WHEN ? = 'PENDING' THEN NULL ELSE ? END WHERE task_id = ? AND unit_index = ?",
                next, failures, error, next, next, at, unit.taskId(), unit.unitIndex());
        if (!"PENDING".equals(next)) {
            ledger.releaseUnit(task.apiUserId(), unit.taskId(), unit.unitIndex(), unit.price());
        }
        if ("FAILED".equals(next)) {
            return failTask(task, "unit " + unit.unitIndex() + " failed " + failures + " times; the last: " + error, at);
        }
        return task;
    }

    /** A unit its user's inputs make impossible to compute fails at once, and its task with it: no node could do it. */
    private TaskRow unfit(TaskRow task, QueuedUnit unit, String detail, Timestamp at) {
        String error = atMost(detail, MAX_ERROR);
        jdbc.update("UPDATE task_unit SET status = 'FAILED', last_error = ?, claimed_by = NULL, lease_until = NULL,"
                + " finished_at = ? WHERE task_id = ? AND unit_index = ?", error, at, unit.taskId(), unit.unitIndex());
        ledger.releaseUnit(task.apiUserId(), unit.taskId(), unit.unitIndex(), unit.price());
        return failTask(task, "unit " + unit.unitIndex() + ": " + error, at);
    }

    /** Fails a RUNNING task, cancelling its units not yet sent: the task as it is now. */
    private TaskRow failTask(TaskRow task, String detail, Timestamp at) {
        if (!"RUNNING".equals(task.status())) {
            return task;
        }
        cancelPending(task, UtcTimestamps.toInstant(at));
        jdbc.update("UPDATE task SET status = 'FAILED', finished_at = ?, detail = ? WHERE id = ?", at,
                atMost(detail, MAX_DETAIL), task.id());
        return lock(task.id()).orElseThrow();
    }

    /**
     * A plain read of the units, not a subquery of the UPDATE: that would share-lock every unit of the task, and a
     * claim of one of them (which holds its row, then writes its index entries) deadlocked with it. Units become DONE
     * only under the task's lock, which this transaction holds, so the read sees every one. It looks for a unit in any
     * other state through the status index: counting the DONE ones would read the whole task on every recording.
     */
    private void finishIfComplete(TaskRow task, Timestamp at) {
        if ("RUNNING".equals(task.status()) && !jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM task_unit"
                + " FORCE INDEX (ix_unit_status) WHERE status IN ('PENDING', 'WAITING', 'RUNNING', 'FAILED', 'CANCELLED') AND task_id = ?)",
                Boolean.class, task.id())) {
            jdbc.update("UPDATE task SET status = 'DONE', finished_at = ? WHERE id = ?", at, task.id());
        }
    }

    /** The results of a task's units, in unit order. */
    TaskKindHandler.UnitResults results(String taskId) {
        return consumer -> jdbc.query("SELECT u.unit_index, u.product_index, u.first_row, u.last_row, r.result"
                + " FROM task_unit u LEFT JOIN task_unit_result r ON r.task_id = u.task_id AND r.unit_index = u.unit_index"
                + " WHERE u.task_id = ? ORDER BY u.unit_index", (ResultSet row) -> {
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

        NodeRecord plus(NodeRecord other) {
            return new NodeRecord(wrong + other.wrong, failed + other.failed);
        }
    }

    /**
     * What checked answers, in order, do to a node's track record: {@code wrong} answers among them, and the verified
     * ones after the last wrong one (all of them when none was wrong, to add to its clean run).
     */
    record TrackRecordChange(int wrong, int cleanAfter) {

        static TrackRecordChange of(boolean verified) {
            return verified ? new TrackRecordChange(0, 1) : new TrackRecordChange(1, 0);
        }

        TrackRecordChange then(TrackRecordChange later) {
            return later.wrong == 0 ? new TrackRecordChange(wrong, cleanAfter + later.cleanAfter)
                    : new TrackRecordChange(wrong + later.wrong, later.cleanAfter);
        }
    }

    private record UnitKey(String taskId, int unitIndex, int attempt) {
    }

    private static String atMost(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    /** A unit of a task and the credits held for it. */
    private record HeldUnit(int unitIndex, long price) {
    }

    private record TaskNode(String taskId, String nodeId) {
    }

    /** A unit's attempt as the database has it RUNNING, on a node, and the instance that claimed it. */
    record RunningAttempt(String taskId, int unitIndex, int attempt, String nodeId, String claimedBy) {
    }

    /** A unit and the node it is to be sent to. */
    record Claim(QueuedUnit unit, DispatchNode node) {
    }

    /**
     * A node units may go to: its endpoint, reported GPU memory (null: none reported) and its verified answers since
     * its last wrong one.
     */
    record DispatchNode(String nodeId, String endpoint, Integer gpuMemoryMb, long cleanChecks) {

        boolean holds(long gpuBytes) {
            return gpuMemoryMb == null || gpuMemoryMb <= 0 || (long) gpuMemoryMb << 20 >= gpuBytes;
        }
    }

    /** What one attempt came to, for {@link #record}. */
    record Attempt(QueuedUnit unit, String taskType, int number, String nodeId, Instant calledAt, long latencyMillis,
                   CallStatus status, String detail, byte[] result, boolean checked, boolean unfit) {

        /** This attempt as FAILED for {@code reason}, without its answer: the node is not blamed for a wrong one. */
        Attempt failed(String reason) {
            return new Attempt(unit, taskType, number, nodeId, calledAt, latencyMillis, CallStatus.FAILED, reason, null,
                    false, false);
        }
    }
}
