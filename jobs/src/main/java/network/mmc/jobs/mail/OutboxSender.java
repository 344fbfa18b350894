package network.mmc.jobs.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import network.mmc.jobs.batch.JobRunLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends what the outbox holds: claims one due message at a time, hands it to the SMTP server, and marks it SENT once
 * the server accepted it. A refused or unreachable server puts the message back with a growing delay; after
 * {@code mmc.mail.max-attempts} it is FAILED and logged (and counted in {@code /actuator/health}).
 */
@Component
@ConditionalOnMail
public class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    // one call sends at most this many, so that a long backlog does not hold the sending thread for ever
    private static final int BATCH = 100;

    private final MailOutbox outbox;
    private final JavaMailSender smtp;
    private final MailSettings settings;
    private final RetryDelays delays;
    private final Clock clock;

    OutboxSender(MailOutbox outbox, JavaMailSender smtp, MailSettings settings, Clock clock) {
        this.outbox = outbox;
        this.smtp = smtp;
        this.settings = settings;
        this.delays = new RetryDelays(settings.retryDelay(), settings.maxRetryDelay());
        this.clock = clock;
    }

    /** Sends the due messages; returns how many the server accepted. */
    public int sendDue() {
        Instant turn = clock.instant();
        int abandoned = outbox.abandonClaimsBefore(turn.minus(settings.claimTimeout()));
        if (abandoned > 0) {
            log.warn("{} mail(s) were being sent by a sender that stopped; marked UNKNOWN, not sent again", abandoned);
        }
        int sent = 0;
        for (int i = 0; i < BATCH; i++) {
            Optional<MailOutbox.Claimed> next = outbox.claimNext(turn, clock.instant());
            if (next.isEmpty()) {
                break;
            }
            if (send(next.get())) {
                sent++;
            }
        }
        return sent;
    }

    /** How many messages the outbox holds that are neither sent nor given up. */
    public long waiting() {
        return outbox.waiting();
    }

    private boolean send(MailOutbox.Claimed row) {
        OutboxMail mail = row.mail();
        try {
            smtp.send(message(mail));
        } catch (MailException | MessagingException e) {
            int attempts = row.attempts() + 1;
            String error = JobRunLog.oneLine(e);
            if (attempts >= settings.maxAttempts()) {
                outbox.gaveUp(row, error);
                log.error("mail {} to {} ({}) given up after {} attempts: {}", row.id(), mail.recipient(), mail.kind(),
                        attempts, error);
            } else {
                Instant next = clock.instant().plus(delays.after(attempts));
                outbox.retryAt(row, next, error);
                log.warn("mail {} to {} ({}) not sent, attempt {} of {}; next at {}: {}", row.id(), mail.recipient(),
                        mail.kind(), attempts, settings.maxAttempts(), next, error);
            }
            return false;
        }
        outbox.sent(row, clock.instant());
        return true;
    }

    private MimeMessage message(OutboxMail mail) throws MessagingException {
        MimeMessage message = smtp.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
        helper.setFrom(settings.from());
        helper.setTo(mail.recipient());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        if (mail.unsubscribeUrl() != null) {
            // RFC 8058 one-click unsubscribe: the mail client POSTs "List-Unsubscribe=One-Click" to the URL
            message.setHeader("List-Unsubscribe", "<" + mail.unsubscribeUrl() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }
}
