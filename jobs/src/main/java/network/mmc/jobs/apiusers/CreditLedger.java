package network.mmc.jobs.apiusers;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.TextFields;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The API users' credits: an append-only ledger whose sum is kept in {@code api_user.balance}. Every change adds its
 * entries and moves the balance in one transaction; the only debit that can fail, a hold, moves it with a conditional
 * update ({@code WHERE balance >= amount}), so concurrent holds never take it below zero. A unit's RELEASE and CHARGE
 * are unique per unit: a unit is never released or charged twice, whoever finishes it.
 */
@Service
public class CreditLedger {

    /** Most credits one grant may add. */
    public static final long MAX_GRANT = 1_000_000_000_000L;
    /** Most credits a balance may reach: a sum far from overflowing, even over many grants. */
    public static final long MAX_BALANCE = 1_000_000_000_000_000L;
    private static final int MAX_REASON = 500;
    private static final int MAX_BY = 128;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CreditLedger(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Adds {@code amount} credits to the user's balance; returns the entry's id. */
    @Transactional
    public long grant(ApiUser user, long amount, String reason, String grantedBy) {
        if (amount < 1 || amount > MAX_GRANT) {
            throw new IllegalArgumentException("amount " + amount + " must be a whole number of credits from 1 to "
                    + MAX_GRANT);
        }
        TextFields.required("reason", reason, MAX_REASON);
        if (jdbc.update("UPDATE api_user SET balance = balance + ? WHERE id = ? AND balance <= ?", amount, user.id(),
                MAX_BALANCE - amount) == 0) {
            throw new IllegalArgumentException("API user '" + user.name() + "' would hold more than " + MAX_BALANCE
                    + " credits");
        }
        jdbc.update("INSERT INTO credit_entry (api_user_id, kind, amount, reason, created_by, created_at)"
                        + " VALUES (?, 'GRANT', ?, ?, ?, ?)", user.id(), amount, reason,
                TextFields.optional("grantedBy", grantedBy, MAX_BY), now());
        return jdbc.queryForObject("SELECT LAST_INSERT_ID()", Long.class);
    }

    /**
     * Holds the price of each unit of a task being accepted, all or none: refused with what is missing when the
     * balance cannot cover their sum. Joins the caller's transaction, which stores the task.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void hold(ApiUser user, String taskId, List<Long> unitPrices) {
        long total = unitPrices.stream().mapToLong(Long::longValue).sum();
        if (jdbc.update("UPDATE api_user SET balance = balance - ? WHERE id = ? AND balance >= ?", total, user.id(),
                total) == 0) {
            // the balance as it is now, locked: a plain read would see this transaction's snapshot, which may predate
            // the concurrent holds that made the update fail; credits released meanwhile let the hold go through
            long balance = jdbc.queryForObject("SELECT balance FROM api_user WHERE id = ? FOR UPDATE", Long.class,
                    user.id());
            if (balance < total) {
                throw new InsufficientCreditsException("this task is estimated at " + total + " credits and API user '"
                        + user.name() + "' has " + balance + " available (" + (total - balance) + " short); ask OPS to"
                        + " grant credits, or submit less work");
            }
            jdbc.update("UPDATE api_user SET balance = balance - ? WHERE id = ?", total, user.id());
        }
        Timestamp now = now();
        List<Integer> units = IntStream.range(0, unitPrices.size()).boxed().toList();
        jdbc.batchUpdate("INSERT INTO credit_entry (api_user_id, kind, amount, task_id, unit_index, created_at)"
                + " VALUES (?, 'HOLD', ?, ?, ?, ?)", units, 1_000, (statement, unit) -> {
                    statement.setLong(1, user.id());
                    statement.setLong(2, -unitPrices.get(unit));
                    statement.setString(3, taskId);
                    statement.setInt(4, unit);
                    statement.setTimestamp(5, now);
                });
    }

    /**
     * Ends a unit's hold without charging it (failed, cancelled or expired): its price goes back to the balance. Joins
     * the caller's transaction, which ends the unit; a unit already released is left as it is. Verified units are
     * charged by {@link #chargeUnits}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void releaseUnit(long apiUserId, String taskId, int unitIndex, long price) {
        if (jdbc.update("INSERT IGNORE INTO credit_entry (api_user_id, kind, amount, task_id, unit_index, created_at)"
                + " VALUES (?, 'RELEASE', ?, ?, ?, ?)", apiUserId, price, taskId, unitIndex, now()) == 1) {
            jdbc.update("UPDATE api_user SET balance = balance + ? WHERE id = ?", price, apiUserId);
        }
    }

    /**
     * Ends the holds of verified units by charging them: each unit's price is released and taken again as its charge,
     * so the balance does not move. Joins the caller's transaction, which makes the units DONE under their locks; a
     * unit's entries are unique, so one charged before makes the whole transaction fail rather than charge it twice.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void chargeUnits(long apiUserId, String taskId, List<UnitPrice> units) {
        Timestamp now = now();
        jdbc.batchUpdate("INSERT INTO credit_entry (api_user_id, kind, amount, task_id, unit_index, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", units.stream().flatMap(unit -> Stream.of(
                        new Object[] {apiUserId, "RELEASE", unit.price(), taskId, unit.unitIndex(), now},
                        new Object[] {apiUserId, "CHARGE", -unit.price(), taskId, unit.unitIndex(), now})).toList());
    }

    /** A unit of a task and its price. */
    public record UnitPrice(int unitIndex, long price) {
    }

    @Transactional(readOnly = true)
    public CreditSummary summary(ApiUser user) {
        return jdbc.queryForObject("SELECT u.balance,"
                + " COALESCE(SUM(CASE WHEN e.kind = 'GRANT' THEN e.amount END), 0),"
                + " -COALESCE(SUM(CASE WHEN e.kind IN ('HOLD', 'RELEASE') THEN e.amount END), 0),"
                + " -COALESCE(SUM(CASE WHEN e.kind = 'CHARGE' THEN e.amount END), 0)"
                + " FROM api_user u LEFT JOIN credit_entry e ON e.api_user_id = u.id WHERE u.id = ? GROUP BY u.balance",
                (row, i) -> new CreditSummary(user.name(), user.wallet(), row.getLong(1), row.getLong(2), row.getLong(3),
                        row.getLong(4)), user.id());
    }

    /** The newest {@code limit} entries, newest first. */
    @Transactional(readOnly = true)
    public List<CreditEntry> entries(ApiUser user, int limit) {
        return jdbc.query("SELECT id, kind, amount, task_id, unit_index, reason, created_by, created_at FROM credit_entry"
                        + " WHERE api_user_id = ? ORDER BY id DESC LIMIT ?",
                (row, i) -> new CreditEntry(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4),
                        (Integer) row.getObject(5), row.getString(6), row.getString(7),
                        UtcTimestamps.toInstant(row.getTimestamp(8))), user.id(), limit);
    }

    /** Credits charged for the task's verified units, and those still held for its unfinished ones. */
    public record TaskCredits(long charged, long held) {
    }

    @Transactional(readOnly = true)
    public TaskCredits ofTask(String taskId) {
        return jdbc.queryForObject("SELECT -COALESCE(SUM(CASE WHEN kind = 'CHARGE' THEN amount END), 0),"
                        + " -COALESCE(SUM(CASE WHEN kind IN ('HOLD', 'RELEASE') THEN amount END), 0)"
                        + " FROM credit_entry WHERE task_id = ?",
                (row, i) -> new TaskCredits(row.getLong(1), row.getLong(2)), taskId);
    }

    private Timestamp now() {
        return UtcTimestamps.of(clock.instant());
    }
}
