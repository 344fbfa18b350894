package network.mmc.jobs.settlement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds the primary-key ranges that hold a window's call records: the receipt-ordered range, found with two index
 * seeks on {@code ix_call_recorded}, plus the ranges that backfills recorded ({@code call_backfill_range}).
 * <p>
 * Backfilled records break the order of ids and {@code recorded_at} that the seeks rely on, so the seeks skip the
 * backfill ranges of the window and of its neighbours (the only windows whose records lie within the clock skew of
 * it); those ranges are then scanned in full instead, which also covers any record received during a backfill whose
 * id falls inside one. Without backfills the seeks are the two of before.
 */
@Component
class WindowCallRange {

    private final JdbcTemplate jdbc;
    private final Duration skew;
    private final Duration period;

    WindowCallRange(JdbcTemplate jdbc, SettlementSettings settings) {
        this.jdbc = jdbc;
        this.skew = settings.clockSkew();
        this.period = settings.period();
    }

    CallIdRanges of(SettlementWindow window) {
        List<CallIdRange> backfilled = jdbc.query(
                "SELECT first_id, last_id FROM call_backfill_range WHERE window_start BETWEEN ? AND ?",
                (row, i) -> new CallIdRange(row.getLong(1), row.getLong(2)),
                UtcTimestamps.of(window.start().minus(period)), UtcTimestamps.of(window.start().plus(period)));
        StringBuilder skip = new StringBuilder();
        List<Object> arguments = new ArrayList<>(List.of(UtcTimestamps.of(window.start().minus(skew)),
                UtcTimestamps.of(window.end().plus(skew))));
        if (!backfilled.isEmpty()) {
            skip.append(" AND NOT (").append(String.join(" OR ", Collections.nCopies(backfilled.size(), "id BETWEEN ? AND ?")))
                    .append(')');
            backfilled.forEach(range -> arguments.addAll(List.of(range.first(), range.last())));
        }
        String received = "SELECT id FROM call_record WHERE recorded_at >= ? AND recorded_at < ?" + skip;
        List<Long> first = jdbc.queryForList(received + " ORDER BY recorded_at, id LIMIT 1", Long.class, arguments.toArray());
        List<Long> last = jdbc.queryForList(received + " ORDER BY recorded_at DESC, id DESC LIMIT 1", Long.class,
                arguments.toArray());
        List<CallIdRange> ranges = new ArrayList<>(backfilled);
        if (!first.isEmpty() && !last.isEmpty()) {
            ranges.add(new CallIdRange(first.get(0), last.get(0)));
        }
        return CallIdRanges.union(ranges);
    }
}
