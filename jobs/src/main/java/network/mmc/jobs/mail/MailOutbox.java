package network.mmc.jobs.mail;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import network.mmc.jobs.database.UtcTimestamps;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code mail_outbox} table (V15). Rows are added in the caller's transaction; a sender claims one row at a time
 * with a single UPDATE, so two senders (threads, processes, Hub instances) never hold the same row.
 */
@Component
@ConditionalOnMail
class MailOutbox {

    private static final int CLAIM_ATTEMPTS = 5;
    private static final int ERROR_LENGTH = 1000;

    private final JdbcTemplate jdbc;

    MailOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A claimed row: {@code claim} proves the claim when the outcome is recorded. */
    record Claimed(long id, String claim, int attempts, OutboxMail mail) {
    }

    /** Adds the message unless one with its subject key, recipient and kind exists; true when added. */
    boolean add(OutboxMail mail, Instant now) {
        Timestamp at = UtcTimestamps.of(now);
        return jdbc.update("INSERT INTO mail_outbox (subject_key, recipient, kind, subject, text_body, html_body,"
                + " unsubscribe_url, status, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)"
                + " ON DUPLICATE KEY UPDATE id = id", mail.subjectKey(), mail.recipient(), mail.kind().name(),
                mail.subject(), mail.text(), mail.html(), mail.unsubscribeUrl(), at, at) == 1;
    }

    /**
     * The oldest message due before {@code dueBefore}, now claimed by this caller alone; empty when none is due. A
     * message put back during a sending turn is due at or after the turn's start, so one turn tries it once.
     */
    Optional<Claimed> claimNext(Instant dueBefore, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                return claimOne(dueBefore, now);
            } catch (PessimisticLockingFailureException e) {
                // senders of several instances claiming at once: InnoDB may roll one UPDATE … ORDER BY id LIMIT 1
                // back as a deadlock victim, which then claimed nothing and can simply claim again
                if (attempt == CLAIM_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Optional<Claimed> claimOne(Instant dueBefore, Instant now) {
        String claim = UUID.randomUUID().toString();
        int claimed = jdbc.update("UPDATE mail_outbox SET status = 'SENDING', claimed_by = ?, claimed_at = ?"
                + " WHERE status = 'PENDING' AND next_attempt_at < ? ORDER BY id LIMIT 1", claim,
                UtcTimestamps.of(now), UtcTimestamps.of(dueBefore));
        if (claimed == 0) {
            return Optional.empty();
        }
        return Optional.of(jdbc.queryForObject("SELECT id, attempts, subject_key, recipient, kind, subject, text_body,"
                + " html_body, unsubscribe_url FROM mail_outbox WHERE claimed_by = ? AND status = 'SENDING'",
                (row, n) -> new Claimed(row.getLong(1), claim, row.getInt(2), new OutboxMail(row.getString(3),
                        row.getString(4), MailKind.valueOf(row.getString(5)), row.getString(6), row.getString(7),
                        row.getString(8), row.getString(9))), claim));
    }

    void sent(Claimed row, Instant now) {
        jdbc.update("UPDATE mail_outbox SET status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = NULL"
                + " WHERE id = ? AND claimed_by = ?", UtcTimestamps.of(now), row.id(), row.claim());
    }

    void retryAt(Claimed row, Instant next, String error) {
        jdbc.update("UPDATE mail_outbox SET status = 'PENDING', attempts = attempts + 1, next_attempt_at = ?,"
                + " last_error = ?, claimed_by = NULL WHERE id = ? AND claimed_by = ?", UtcTimestamps.of(next),
                cut(error), row.id(), row.claim());
    }

    void gaveUp(Claimed row, String error) {
        jdbc.update("UPDATE mail_outbox SET status = 'FAILED', attempts = attempts + 1, last_error = ?"
                + " WHERE id = ? AND claimed_by = ?", cut(error), row.id(), row.claim());
    }

    /** Marks UNKNOWN the rows claimed before {@code claimedBefore} whose sender never reported; their count. */
    int abandonClaimsBefore(Instant claimedBefore) {
        return jdbc.update("UPDATE mail_outbox SET status = 'UNKNOWN', last_error = 'the sender stopped while sending"
                + " it; it may or may not have been delivered, and is not sent again' WHERE status = 'SENDING'"
                + " AND claimed_at < ?", UtcTimestamps.of(claimedBefore));
    }

    /** Messages not sent yet and not given up: PENDING (due now or later) and SENDING. */
    long waiting() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM mail_outbox WHERE status IN ('PENDING', 'SENDING')",
                Long.class);
    }

    /** Rows per status, for the health endpoint. */
    List<Object[]> countsByStatus() {
        return jdbc.query("SELECT status, COUNT(*) FROM mail_outbox GROUP BY status ORDER BY status",
                (row, n) -> new Object[]{row.getString(1), row.getLong(2)});
    }

    /** How many messages were given up (FAILED or UNKNOWN) since {@code since}. */
    long givenUpSince(Instant since) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM mail_outbox WHERE status IN ('FAILED', 'UNKNOWN')"
                + " AND created_at >= ?", Long.class, UtcTimestamps.of(since));
    }

    /** The subjects of the job-failure alerts written since the last run summary, oldest first, each once. */
    List<String> failedJobsSinceLastSummary() {
        return jdbc.queryForList("SELECT subject FROM mail_outbox WHERE kind = 'JOB_FAILED' AND id > COALESCE("
                + "(SELECT MAX(id) FROM mail_outbox WHERE kind = 'OPS_SUMMARY'), 0)"
                + " GROUP BY subject_key, subject ORDER BY MIN(id)", String.class);
    }

    private static String cut(String error) {
        String line = error == null ? "unknown error" : error;
        return line.length() <= ERROR_LENGTH ? line : line.substring(0, ERROR_LENGTH - 1) + "…";
    }
}
