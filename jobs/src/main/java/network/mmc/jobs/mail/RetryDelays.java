package network.mmc.jobs.mail;

import java.time.Duration;

/** Exponential back-off: {@code first}, then twice as long after each failed attempt, never more than {@code max}. */
record RetryDelays(Duration first, Duration max) {

    /** The wait after {@code failedAttempts} (at least 1) failed attempts. */
    Duration after(int failedAttempts) {
        Duration delay = first;
        for (int i = 1; i < failedAttempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
