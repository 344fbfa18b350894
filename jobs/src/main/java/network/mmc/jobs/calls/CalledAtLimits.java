package network.mmc.jobs.calls;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a record's {@code called_at} may lie from its receipt: a time further ahead is a wrong clock, not a call
 * made later; a time too far back would pay an old call into a window that has nothing to do with it.
 */
record CalledAtLimits(Duration maxFutureSkew, Duration maxAge) {

    /** @return why {@code calledAt} is refused, null when it is within the limits */
    String problem(Instant calledAt, Instant receivedAt) {
        if (calledAt.isAfter(receivedAt.plus(maxFutureSkew))) {
            return "is more than mmc.ingest.max-future-skew (" + maxFutureSkew + ") after its receipt at " + receivedAt;
        }
        if (calledAt.isBefore(receivedAt.minus(maxAge))) {
            return "is more than mmc.ingest.max-age (" + maxAge + ") before its receipt at " + receivedAt;
        }
        return null;
    }
}
