package network.mmc.jobs.settlement;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the primary-key ranges that hold a window's call records: the receipt-ordered range, found on
 * {@code ix_call_recorded} with a seek to each end of the window and a short scan there (ids and {@code recorded_at}
 * may disagree by up to {@code mmc.settlement.clock-skew}: records received concurrently are stored in any order),
 * plus the ranges that backfills recorded ({@code call_backfill_range}).
 * <p>
 * Backfilled records break the order of ids and {@code recorded_at} that the seeks rely on, so the seeks skip the
 * backfill ranges of the window and of its neighbours (the only windows whose records lie within the clock skew of
 * it); those ranges are then scanned in full instead, which also covers any record received during a backfill whose
 * id falls inside one.
 */
@Component
public class WindowCallRange {

    private final JdbcTemplate jdbc;
    private final Duration skew;
    private final Duration period;

    WindowCallRange(JdbcTemplate jdbc, SettlementSettings settings) {
        this.jdbc = jdbc;
        this.skew = settings.clockSkew();
        this.period = settings.period();
    }

    public CallIdRanges of(SettlementWindow window) {
        List<CallIdRange> backfilled = jdbc.query(
                "SELECT first_id, last_id FROM call_backfill_range WHERE window_start BETWEEN ? AND ?",
                (row, i) -> new CallIdRange(row.getLong(1), row.getLong(2)),
                UtcTimestamps.of(window.start().minus(period)), UtcTimestamps.of(window.start().plus(period)));
        StringBuilder skip = new StringBuilder();
        List<Object> backfillIds = new ArrayList<>();
        if (!backfilled.isEmpty()) {
            skip.append(" AND NOT (").append(String.join(" OR ", Collections.nCopies(backfilled.size(), "id BETWEEN ? AND ?")))
                    .append(')');
            backfilled.forEach(range -> backfillIds.addAll(List.of(range.first(), range.last())));
        }
        Instant from = window.start().minus(skew);
        Instant to = window.end().plus(skew);
        String received = " FROM call_record WHERE recorded_at >= ? AND recorded_at < ?" + skip;
        List<Timestamp> earliest = jdbc.queryForList("SELECT recorded_at" + received + " ORDER BY recorded_at LIMIT 1",
                Timestamp.class, arguments(from, to, backfillIds));
        List<Timestamp> latest = jdbc.queryForList("SELECT recorded_at" + received + " ORDER BY recorded_at DESC LIMIT 1",
                Timestamp.class, arguments(from, to, backfillIds));
        List<CallIdRange> ranges = new ArrayList<>(backfilled);
        if (!earliest.isEmpty() && !latest.isEmpty()) {
            // a record made concurrently may have a larger id than a later-received one: any record further than the
            // skew from the extremes has its id between theirs, so the ends are the least and greatest ids of the
            // records within the skew of the earliest and of the latest (a short stretch of ix_call_recorded each)
            Instant nearEarliest = min(UtcTimestamps.toInstant(earliest.get(0)).plus(skew).plusNanos(1_000), to);
            Instant nearLatest = max(UtcTimestamps.toInstant(latest.get(0)).minus(skew), from);
            Long first = jdbc.queryForObject("SELECT MIN(id)" + received, Long.class, arguments(from, nearEarliest,
                    backfillIds));
            Long last = jdbc.queryForObject("SELECT MAX(id)" + received, Long.class, arguments(nearLatest, to,
                    backfillIds));
            ranges.add(new CallIdRange(first, last));
        }
        return CallIdRanges.union(ranges);
    }

    private static Object[] arguments(Instant from, Instant to, List<Object> backfillIds) {
        List<Object> arguments = new ArrayList<>(List.of(UtcTimestamps.of(from), UtcTimestamps.of(to)));
        arguments.addAll(backfillIds);
        return arguments.toArray();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
