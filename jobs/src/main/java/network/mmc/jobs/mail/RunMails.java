package network.mmc.jobs.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.rewards.RewardsService;
import network.mmc.jobs.settlement.SettlementWriteListener;
import network.mmc.jobs.web.WebSettings;
import network.mmc.settlement.SettlementWindow;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a settlement run's mails to the outbox inside the run's own transaction: the ops summary to each
 * {@code mmc.mail.ops-recipients} address and the window digests of the subscribed owners. A run that rolls back
 * leaves none; a run that commits has all of them.
 */
@Component
@ConditionalOnMail
@Order(0)
class RunMails implements SettlementWriteListener {

    private final JdbcTemplate jdbc;
    private final MailOutbox outbox;
    private final MailSettings settings;
    private final String hubId;
    private final Clock clock;
    private final WebSettings web;
    private final RewardsService rewards;

    RunMails(JdbcTemplate jdbc, MailOutbox outbox, MailSettings settings, @Value("${mmc.hub-id}") String hubId,
             Clock clock, WebSettings web, RewardsService rewards) {
        this.web = web;
        this.rewards = rewards;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.settings = settings;
        this.hubId = hubId;
        this.clock = clock;
    }

    @Override
    public void afterLedger(long runId, SettlementWindow window) {
        opsSummary(runId);
        digests(runId, window);
    }

    private void opsSummary(long runId) {
        Instant now = clock.instant();
        if (!settings.opsRecipients().isEmpty()) {
            RunFacts run = facts(runId);
            MailBody body = OpsSummaryMail.body(run, outbox.failedJobsSinceLastSummary());
            String subject = OpsSummaryMail.subject(hubId, run);
            for (String recipient : settings.opsRecipients()) {
                outbox.add(OutboxMail.of("run:" + runId, recipient, MailKind.OPS_SUMMARY, subject, body), now);
            }
        }
    }

    /**
     * WINDOW subscribers get this window. DAILY subscribers get a UTC day (the windows starting in it) once every
     * window of it is settled, whichever run settles the last one: a day whose windows were settled out of order, or
     * one that failed and was settled later, is mailed with all of its figures, once. Each line is of the latest
     * revision of its window, this run included.
     */
    private void digests(long runId, SettlementWindow window) {
        for (Subscriber subscriber : subscribers(Cadence.WINDOW)) {
            digest("run:" + runId + ":" + subscriber.wallet(), subscriber, window.start(), window.end());
        }
        List<Subscriber> daily = subscribers(Cadence.DAILY);
        Instant day = window.start().truncatedTo(ChronoUnit.DAYS);
        if (!daily.isEmpty() && everyWindowSettled(day, window.period())) {
            for (Subscriber subscriber : daily) {
                digest("day:" + day + ":" + subscriber.wallet(), subscriber, day, day.plus(Duration.ofDays(1)));
            }
        }
    }

    /**
     * Whether every window starting in the day has a run, counting, as the scheduled settlement does, from the window
     * of the first recorded call: the days before the Hub's first call have no windows to wait for.
     */
    private boolean everyWindowSettled(Instant day, Duration period) {
        Instant end = day.plus(Duration.ofDays(1));
        Instant first = jdbc.queryForList("SELECT recorded_at FROM call_record ORDER BY recorded_at LIMIT 1",
                Timestamp.class).stream().map(UtcTimestamps::toInstant).findFirst().orElse(end);
        Set<Instant> settled = new HashSet<>(jdbc.queryForList("SELECT DISTINCT window_start FROM settlement_run"
                        + " WHERE window_start >= ? AND window_start < ?", Timestamp.class, UtcTimestamps.of(day),
                UtcTimestamps.of(end)).stream().map(UtcTimestamps::toInstant).toList());
        for (SettlementWindow w = SettlementWindow.containing(day, period); w.start().isBefore(end); w = w.next()) {
            boolean inDay = !w.start().isBefore(day);
            boolean fromFirstCall = w.end().isAfter(first);
            if (inDay && fromFirstCall && !settled.contains(w.start())) {
                return false;
            }
        }
        return true;
    }

    private record Subscriber(String wallet, String email, String unsubscribeToken) {
    }

    private List<Subscriber> subscribers(Cadence cadence) {
        return jdbc.query("SELECT wallet, email, unsubscribe_token FROM mail_subscription WHERE status = 'CONFIRMED'"
                + " AND cadence = ? ORDER BY id", (row, n) -> new Subscriber(row.getString(1), row.getString(2),
                row.getString(3)), cadence.name());
    }

    private void digest(String subjectKey, Subscriber subscriber, Instant from, Instant to) {
        List<DigestMail.Line> lines = jdbc.query("SELECT r.window_start, n.node_id, n.calls, n.ok, n.quality, n.reward"
                + " FROM node_settlement n JOIN settlement_run r ON r.id = n.run_id WHERE n.owner_wallet = ?"
                + " AND r.window_start >= ? AND r.window_start < ? AND r.revision = (SELECT MAX(l.revision)"
                + " FROM settlement_run l WHERE l.window_start = r.window_start) ORDER BY r.window_start, n.node_id",
                (row, n) -> new DigestMail.Line(UtcTimestamps.toInstant(row.getTimestamp(1)), row.getString(2),
                        row.getLong(3), row.getLong(4), row.getDouble(5), row.getLong(6)),
                subscriber.wallet(), UtcTimestamps.of(from), UtcTimestamps.of(to));
        if (lines.isEmpty()) {
            return;
        }
        String unsubscribe = web.publicUrl() + "/api/mail/unsubscribe?token=" + subscriber.unsubscribeToken();
        long withdrawable = rewards.balance(subscriber.wallet()).withdrawable();
        MailBody body = DigestMail.body(subscriber.wallet(), from, to, lines, withdrawable, unsubscribe);
        String subject = DigestMail.subject(hubId, from, to, lines.stream().mapToLong(DigestMail.Line::reward).sum());
        outbox.add(new OutboxMail(subjectKey, subscriber.email(), MailKind.DIGEST, subject, body.text(), body.html(),
                unsubscribe), clock.instant());
    }

    private RunFacts facts(long runId) {
        return jdbc.queryForObject("SELECT r.window_start, r.window_end, r.revision, r.status, r.call_count, r.pool,"
                + " r.allocated, r.unallocated, r.node_count, r.late_call_count, r.reason, r.operator,"
                + " (SELECT COUNT(*) FROM node_settlement n WHERE n.run_id = r.id AND NOT n.eligible),"
                + " (SELECT COUNT(*) FROM node_settlement n WHERE n.run_id = r.id AND n.self_dealt > 0)"
                + " FROM settlement_run r WHERE r.id = ?", (row, n) -> new RunFacts(runId,
                UtcTimestamps.toInstant(row.getTimestamp(1)), UtcTimestamps.toInstant(row.getTimestamp(2)),
                row.getInt(3), row.getString(4), row.getLong(5), row.getLong(6), row.getLong(7), row.getLong(8),
                row.getInt(9), row.getObject(10, Long.class), row.getInt(13), row.getInt(14), row.getString(11),
                row.getString(12)), runId);
    }
}
