package network.mmc.jobs.mail;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code mmc.mail.outbox.backlog}: mails waiting to be sent (PENDING, SENDING). Counting them walks the index range of
 * every waiting row, which a long SMTP outage makes large, so a count is reused for {@link #READ_EVERY} rather than
 * taken at every scrape.
 */
@Component
@ConditionalOnMail
class OutboxBacklogGauge {

    static final Duration READ_EVERY = Duration.ofSeconds(5);

    private final MailOutbox outbox;
    private long readAtNanos;
    private double waiting = Double.NaN;

    OutboxBacklogGauge(MailOutbox outbox, MeterRegistry registry) {
        this.outbox = outbox;
        Gauge.builder("mmc.mail.outbox.backlog", this, OutboxBacklogGauge::waiting)
                .description("Mails in the outbox not sent yet and not given up (PENDING or SENDING)")
                .baseUnit("messages")
                .register(registry);
    }

    private synchronized double waiting() {
        long now = System.nanoTime();
        if (Double.isNaN(waiting) || now - readAtNanos >= READ_EVERY.toNanos()) {
            waiting = outbox.waiting();
            readAtNanos = now;
        }
        return waiting;
    }
}
