package network.mmc.jobs.cli;

import java.time.Duration;
import java.util.Locale;

/** How long something took, for people: {@code 850 ms}, {@code 12.4 s}, {@code 1m 12s}, {@code 2h 05m}. */
final class DurationText {

    private DurationText() {
    }

    static String of(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = duration.toSeconds();
        if (seconds < 3_600) {
            return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", seconds / 3_600, seconds % 3_600 / 60);
    }
}
