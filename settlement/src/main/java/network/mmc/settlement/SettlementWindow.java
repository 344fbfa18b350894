package network.mmc.settlement;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

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

    /**
     * Parses a window start such as {@code 2026-11-25T10:00Z} (any ISO-8601 instant or offset date-time)
     * and checks that it is aligned to the period.
     */
    public static SettlementWindow parse(String text, Duration period) {
        Instant start = parseStart(text);
        SettlementWindow window = containing(start, period);
        if (!window.start().equals(start)) {
            throw new IllegalArgumentException("window '" + text + "' does not start on a " + period
                    + " boundary since 1970-01-01T00:00Z (nearest start: " + window.start() + ")");
        }
        return window;
    }

    /** The instant a window start names, before its alignment to a period is checked. */
    public static Instant parseStart(String text) {
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("window '" + text + "' is not an ISO-8601 UTC time such as 2026-11-25T10:00Z");
        }
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
