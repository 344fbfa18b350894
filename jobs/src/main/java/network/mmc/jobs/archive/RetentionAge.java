package network.mmc.jobs.archive;

import java.time.Duration;
import java.time.Instant;
import network.mmc.jobs.calls.ResendPeriod;
import network.mmc.jobs.settlement.SettlementSettings;
import org.springframework.stereotype.Component;

/**
 * When a settled window may leave the hot table: its rows must outlive every re-send of its records (so a re-sent
 * event id still meets its row's unique key) and every late settlement of it. So the retention age must be longer
 * than the re-send period plus a window's length and its grace: a record is received at most a period before its
 * window ends, and its window is settled from end + grace on.
 */
@Component
class RetentionAge {

    private final Duration age;
    private final ResendPeriod resend;
    private final Duration period;
    private final Duration grace;

    RetentionAge(RetentionSettings settings, ResendPeriod resend, SettlementSettings settlement) {
        this.age = settings.age();
        this.resend = resend;
        this.period = settlement.period();
        this.grace = settlement.grace();
    }

    /** @throws IllegalStateException naming each term when the configured age is too short */
    void check() {
        Duration minimum = resend.length().plus(period).plus(grace);
        if (age.compareTo(minimum) <= 0) {
            throw new IllegalStateException("mmc.retention.age (" + age + ") must be longer than the re-send period "
                    + resend.describe() + " plus mmc.settlement.period (" + period + ") and mmc.settlement.grace ("
                    + grace + "), " + minimum + " in all: rows archived sooner could still be re-sent or settled;"
                    + " nothing was archived");
        }
    }

    /** The latest end a window may have to be archived at {@code now}. */
    Instant cutoff(Instant now) {
        return now.minus(age);
    }

    Duration age() {
        return age;
    }
}
