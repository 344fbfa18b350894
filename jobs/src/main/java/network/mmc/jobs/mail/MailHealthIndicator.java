package network.mmc.jobs.mail;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "mail": the outbox rows per status. DEGRADED while a message written in the
 * last day was given up (FAILED after every attempt, or UNKNOWN): the Hub settles on, ops should look at the log.
 */
@Component("mail")
@ConditionalOnMail
class MailHealthIndicator extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "the Hub serves, but some mails were given up");
    private static final Duration RECENT = Duration.ofDays(1);

    private final MailOutbox outbox;
    private final Clock clock;

    MailHealthIndicator(MailOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long givenUp = outbox.givenUpSince(clock.instant().minus(RECENT));
        builder.status(givenUp == 0 ? Status.UP : DEGRADED).withDetail("givenUpLastDay", givenUp);
        outbox.countsByStatus().forEach(count -> builder.withDetail((String) count[0], count[1]));
    }
}
