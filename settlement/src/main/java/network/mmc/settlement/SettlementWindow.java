package network.mmc.settlement;

import java.time.Duration;
import java.time.Instant;

/**
 * A settlement window {@code [start, end)}; {@code start} is a multiple of the period since the epoch (UTC).
 */
public record SettlementWindow(Instant start, Instant end) {

    public SettlementWindow {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("window end " + end + " must be after its start " + start);
        }
    }

    /** The window of the given period that holds {@code instant}. */
    public static SettlementWindow containing(Instant instant, Duration period) {
        long periodSeconds = period.getSeconds();
        long start = Math.floorDiv(instant.getEpochSecond(), periodSeconds) * periodSeconds;
        return new SettlementWindow(Instant.ofEpochSecond(start), Instant.ofEpochSecond(start + periodSeconds));
    }

    /** Parses a window start in {@link TimeText}'s form and checks that it is aligned to the period. */
    public static SettlementWindow parse(String text, Duration period) {
        Instant start;
        try {
            start = TimeText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("window " + e.getMessage());
        }
        return startingAt(start, period);
    }

    /** The window of the given period that starts at {@code start}; refused unless start is on a period boundary. */
    public static SettlementWindow startingAt(Instant start, Duration period) {
        SettlementWindow window = containing(start, period);
        if (!window.start().equals(start)) {
            throw new IllegalArgumentException("window " + start + " does not start on a " + period
                    + " boundary since 1970-01-01T00:00Z (nearest start: " + TimeText.format(window.start()) + ")");
        }
        return window;
    }

    public Duration period() {
        return Duration.between(start, end);
    }

    /** Records may still be committing until {@code end + grace}; only then is the window due. */
    public boolean isDue(Instant now, Duration grace) {
        return !now.isBefore(end.plus(grace));
    }

    public SettlementWindow next() {
        return new SettlementWindow(end, end.plus(period()));
    }

    @Override
    public String toString() {
        return start.toString();
    }
}
