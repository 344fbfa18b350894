package network.mmc.jobs.mail;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.SettlementSettings;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.TimeText;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Alerts ops to each window that is not settled {@code mmc.mail.settlement-deadline} after it became due (end +
 * grace), once per window and recipient. Windows are looked at from the first recorded call on, as the scheduled
 * settlement settles them, but not further back than {@link #LOOKBACK}: older gaps are history, not news.
 */
@Component
@ConditionalOnMail
class LateWindowAlerts {

    static final Duration LOOKBACK = Duration.ofDays(1);

    private final JdbcTemplate jdbc;
    private final MailOutbox outbox;
    private final MailSettings mail;
    private final SettlementSettings settlement;
    private final String hubId;
    private final Clock clock;

    LateWindowAlerts(JdbcTemplate jdbc, MailOutbox outbox, MailSettings mail, SettlementSettings settlement,
                     @Value("${mmc.hub-id}") String hubId, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.mail = mail;
        this.settlement = settlement;
        this.hubId = hubId;
        this.clock = clock;
    }

    void check() {
        check(clock.instant());
    }

    /** Writes the alerts of the windows late at {@code now}; returns how many windows are late. */
    int check(Instant now) {
        if (mail.opsRecipients().isEmpty()) {
            return 0;
        }
        List<Timestamp> first = jdbc.queryForList("SELECT recorded_at FROM call_record ORDER BY recorded_at LIMIT 1",
                Timestamp.class);
        if (first.isEmpty()) {
            return 0;
        }
        Duration period = settlement.period();
        Instant from = UtcTimestamps.toInstant(first.get(0)).isAfter(now.minus(LOOKBACK))
                ? UtcTimestamps.toInstant(first.get(0)) : now.minus(LOOKBACK);
        SettlementWindow window = SettlementWindow.containing(from, period);
        Set<Instant> settled = new HashSet<>(jdbc.queryForList("SELECT DISTINCT window_start FROM settlement_run"
                + " WHERE window_start >= ? AND window_start <= ?", Timestamp.class, UtcTimestamps.of(window.start()),
                UtcTimestamps.of(now)).stream().map(UtcTimestamps::toInstant).toList());
        Instant deadlinePassed = now.minus(mail.settlementDeadline());
        int late = 0;
        for (; window.isDue(deadlinePassed, settlement.grace()); window = window.next()) {
            if (!settled.contains(window.start())) {
                late++;
                alert(window, now);
            }
        }
        return late;
    }

    private void alert(SettlementWindow window, Instant now) {
        Instant due = window.end().plus(settlement.grace());
        String subject = "[" + hubId + "] window " + TimeText.format(window.start()) + " not settled by its deadline";
        MailBody body = new MailBody()
                .paragraph("Window " + TimeText.format(window.start()) + " to " + TimeText.format(window.end())
                        + " became due at " + TimeText.format(due) + " and is still not settled "
                        + mail.settlementDeadline() + " later (checked at " + TimeText.format(now) + ").")
                .paragraph("Look at the scheduler (mmc-hub schedule list) and the failed jobs; settle it by hand with"
                        + " mmc-hub settle --window " + TimeText.format(window.start()) + ".");
        for (String recipient : mail.opsRecipients()) {
            outbox.add(OutboxMail.of("late-window:" + window.start(), recipient, MailKind.WINDOW_LATE, subject, body),
                    now);
        }
    }
}
