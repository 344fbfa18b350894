package network.mmc.jobs.crypto;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import network.mmc.jobs.errors.ConflictException;

/**
 * The replay rules of every signed request: its time must be near the Hub's clock, and later than the last one of
 * its kind accepted.
 */
public final class SignedTimes {

    private SignedTimes() {
    }

    public static void checkFresh(Instant signedAt, Instant now, Duration maxAge) {
        if (signedAt == null) {
            throw new InvalidSignedRequestException("signedAt is missing");
        }
        Duration age = Duration.between(signedAt, now).abs();
        if (age.compareTo(maxAge) > 0) {
            throw new InvalidSignedRequestException("signedAt " + signedAt + " is more than " + maxAge
                    + " away from the Hub's clock");
        }
    }

    /** A message signed no later than the last accepted one of its kind is a replay (or out of order): refused. */
    public static void checkNewer(String message, Instant signedAt, Instant lastAccepted) {
        if (lastAccepted != null && !stored(signedAt).isAfter(lastAccepted)) {
            throw new ConflictException("this " + message + " was signed at " + signedAt + ", not after the last one"
                    + " accepted (signed at " + lastAccepted + "): each signed message is accepted once, in order");
        }
    }

    /** The time as a DATETIME(6) column keeps it (the server would round it), so a replay compares equal to what was stored. */
    public static Instant stored(Instant time) {
        return time.truncatedTo(ChronoUnit.MICROS);
    }
}
