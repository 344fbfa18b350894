package network.mmc.jobs.calls;

import java.nio.file.Path;
import java.time.Duration;

/** What an import did: every row read is stored, a duplicate, or rejected (see {@code rejectsFile}). */
public record ImportSummary(long rowsRead, long stored, long duplicates, long rejected, Path rejectsFile,
                            Duration elapsed) {

    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds == 0 ? 0 : rowsRead / seconds;
    }
}
