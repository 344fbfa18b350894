package network.mmc.jobs.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import network.mmc.settlement.SettlementWindow;

/** Counts records by the settlement window of their {@code called_at}; not thread-safe, one per ingest. */
final class WindowTally {

    private final Duration period;
    private final TreeMap<Instant, Long> counts = new TreeMap<>();

    WindowTally(Duration period) {
        this.period = period;
    }

    Instant windowOf(Instant instant) {
        return SettlementWindow.containing(instant, period).start();
    }

    /** Counts a row made in another window than the one its {@code recorded_at} puts it in (late, or early). */
    void countIfDatedElsewhere(CallRecordRow row) {
        if (row.calledAt() != null) {
            Instant made = windowOf(row.calledAt());
            if (!made.equals(windowOf(row.recordedAt()))) {
                counts.merge(made, 1L, Long::sum);
            }
        }
    }

    /** Counts a row in the window of its {@code recorded_at}. */
    void count(CallRecordRow row) {
        counts.merge(windowOf(row.recordedAt()), 1L, Long::sum);
    }

    /** Oldest window first. */
    List<WindowCount> counts() {
        return counts.entrySet().stream().map(e -> new WindowCount(e.getKey(), e.getValue())).toList();
    }
}
