package network.mmc.jobs.calls;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parsing of ISO-8601 times, on the import's hot path: the common UTC form
 * {@code 2026-11-25T10:00:00[.fraction]Z} is read digit by digit, anything else goes through
 * {@link OffsetDateTime#parse}.
 */
final class IsoTimes {

    private IsoTimes() {
    }

    static Instant parse(String text) throws DateTimeParseException {
        Instant fast = parseUtc(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    private static Instant parseUtc(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n - 21 > 9 || n - 21 < 1) {
                return null;
            }
            int digits = digits(t, 20, n - 1);
            if (digits < 0) {
                return null;
            }
            nanos = digits * (int) Math.pow(10, 9 - (n - 21));
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String t, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
