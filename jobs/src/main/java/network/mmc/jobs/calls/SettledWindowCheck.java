package network.mmc.jobs.calls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import network.mmc.jobs.settlement.ArchivedWindows;
import network.mmc.jobs.settlement.BackfillLock;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The first pass of a backfill: stores nothing, and finds the windows the records would change that are settled
 * already (counting only records whose event id is new: a re-sent one changes nothing), being settled right now, or
 * archived (their records are no longer in call_record to tell new from re-sent, nor to re-run the window from).
 * Its state is touched only by the import's loading thread.
 */
final class SettledWindowCheck implements ChunkStore {

    // event ids looked up per query
    private static final int LOOKUP = 1_000;

    private final JdbcTemplate jdbc;
    private final SettlementRuns runs;
    private final BackfillLock backfillLock;
    private final ArchivedWindows archivedWindows;
    private final Duration period;
    private final Map<Instant, Integer> revisions = new HashMap<>();
    private final TreeMap<Instant, Long> newInSettled = new TreeMap<>();
    private final TreeSet<Instant> beingSettled = new TreeSet<>();
    private final TreeSet<Instant> archived = new TreeSet<>();

    SettledWindowCheck(JdbcTemplate jdbc, SettlementRuns runs, BackfillLock backfillLock,
                       ArchivedWindows archivedWindows, Duration period) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.backfillLock = backfillLock;
        this.archivedWindows = archivedWindows;
        this.period = period;
    }

    /** A settled window that the backfill would change. */
    record SettledWindow(Instant windowStart, int revision, long newRecords) {
    }

    @Override
    public Callable<Long> prepare(List<CallRecordRow> rows) {
        Map<Instant, List<String>> eventIds = new TreeMap<>();
        rows.forEach(row -> eventIds.computeIfAbsent(SettlementWindow.containing(row.recordedAt(), period).start(),
                w -> new ArrayList<>()).add(row.eventId()));
        return () -> {
            eventIds.forEach(this::check);
            return 0L;
        };
    }

    private void check(Instant windowStart, List<String> eventIds) {
        SettlementWindow window = new SettlementWindow(windowStart, windowStart.plus(period));
        int revision = revisions.computeIfAbsent(windowStart, w -> runs.latest(window).map(SettlementRun::revision).orElse(0));
        if (revision == 0) {
            if (backfillLock.isBeingSettled(window)) {
                beingSettled.add(windowStart);
            }
            return;
        }
        if (archived.contains(windowStart) || archivedWindows.archiveOf(window).isPresent()) {
            archived.add(windowStart);
            return;
        }
        long fresh = eventIds.size() - stored(eventIds);
        if (fresh > 0) {
            newInSettled.merge(windowStart, fresh, Long::sum);
        }
    }

    private long stored(List<String> eventIds) {
        long stored = 0;
        for (int from = 0; from < eventIds.size(); from += LOOKUP) {
            List<String> some = eventIds.subList(from, Math.min(eventIds.size(), from + LOOKUP));
            Set<String> distinct = new HashSet<>(some);
            stored += jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE event_id IN ("
                    + String.join(",", Collections.nCopies(distinct.size(), "?")) + ")", Long.class, distinct.toArray());
        }
        return stored;
    }

    /** Settled windows the records would change, oldest first. */
    List<SettledWindow> settled() {
        return newInSettled.entrySet().stream()
                .map(e -> new SettledWindow(e.getKey(), revisions.get(e.getKey()), e.getValue())).toList();
    }

    /** Archived windows the file has records for, oldest first. */
    List<Instant> archived() {
        return List.copyOf(archived);
    }

    /** Windows whose settlement was in progress when they were checked, oldest first. */
    List<Instant> beingSettled() {
        return List.copyOf(beingSettled);
    }
}
