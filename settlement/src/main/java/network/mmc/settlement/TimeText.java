package network.mmc.settlement;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one text form of a time given or shown to people: ISO-8601 with a zone, seconds and fraction optional
 * ({@code 2026-11-25T10:00Z}, {@code 2026-11-25T10:00:00Z}, {@code 2026-11-25T10:00:00.5Z},
 * {@code 2026-11-25T11:00+01:00}); shown in UTC to the second ({@code 2026-11-25T10:00:00Z}).
 */
public final class TimeText {

    public static final String ACCEPTED = "an ISO-8601 time with a zone, such as 2026-11-25T10:00Z,"
            + " 2026-11-25T10:00:00.5Z or 2026-11-25T11:00+01:00";

    private TimeText() {
    }

    /** @throws IllegalArgumentException naming the text and the accepted forms */
    public static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("'" + text + "' is not " + ACCEPTED);
        }
    }

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
