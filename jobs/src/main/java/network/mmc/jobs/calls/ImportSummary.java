package network.mmc.jobs.calls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What an import did: every row read is stored, a duplicate, or rejected (see {@code rejectsFile}). By the window
 * of their {@code called_at}, over the rows accepted (stored or duplicates): under {@code receipt-time} the rows
 * that count in another window than the one they were made in ({@code datedInOtherWindows}); under
 * {@code backfill} the rows put in each window ({@code backfilled}). The other list is empty.
 */
public record ImportSummary(long rowsRead, long stored, long duplicates, long rejected, Path rejectsFile,
                            Duration elapsed, IngestPolicy policy, List<WindowCount> datedInOtherWindows,
                            List<WindowCount> backfilled) {

    private static final Duration SHORTEST_RATED = Duration.ofSeconds(1);

    /** Rows read per second; none for an import shorter than a second, whose rate is mostly timer noise. */
    public OptionalDouble rowsPerSecond() {
        if (elapsed.compareTo(SHORTEST_RATED) < 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(rowsRead / (elapsed.toNanos() / 1e9));
    }
}
