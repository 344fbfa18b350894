package network.mmc.jobs.mail;

import java.time.Clock;
import java.time.Instant;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.SettlementWriteListener;
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

    RunMails(JdbcTemplate jdbc, MailOutbox outbox, MailSettings settings, @Value("${mmc.hub-id}") String hubId,
             Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.settings = settings;
        this.hubId = hubId;
        this.clock = clock;
    }

    @Override
    public void afterLedger(long runId, SettlementWindow window) {
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
