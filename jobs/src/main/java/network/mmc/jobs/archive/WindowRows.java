package network.mmc.jobs.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.CallIdRange;
import network.mmc.jobs.settlement.CallIdRanges;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A window's call records as settlement selects them: the primary-key ranges it found, kept to the rows whose
 * {@code recorded_at} is in the window. Read a page at a time along the primary key, so memory and each
 * statement stay bounded however large the window is.
 */
@Component
class WindowRows {

    private static final String WHERE = " FROM call_record WHERE id BETWEEN ? AND ? AND recorded_at >= ? AND recorded_at < ?";

    private final JdbcTemplate jdbc;

    WindowRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Hands every row to {@code rows}, in id order, {@code pageSize} rows per query. */
    void forEach(CallIdRanges ranges, SettlementWindow window, int pageSize, Consumer<ArchivedCall> rows) {
        for (CallIdRange range : ranges.ranges()) {
            long from = range.first();
            for (List<ArchivedCall> page = page(range, from, window, pageSize); !page.isEmpty();
                 page = page(range, from, window, pageSize)) {
                page.forEach(rows);
                from = page.get(page.size() - 1).id() + 1;
            }
        }
    }

    /** The ids of up to {@code limit} rows from {@code from} on within {@code range}, in id order. */
    List<Long> ids(CallIdRange range, long from, SettlementWindow window, int limit) {
        return jdbc.queryForList("SELECT id" + WHERE + " ORDER BY id LIMIT ?", Long.class, from, range.last(),
                UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()), limit);
    }

    long count(CallIdRanges ranges, SettlementWindow window) {
        long count = 0;
        for (CallIdRange range : ranges.ranges()) {
            count += jdbc.queryForObject("SELECT COUNT(*)" + WHERE, Long.class, range.first(), range.last(),
                    UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()));
        }
        return count;
    }

    private List<ArchivedCall> page(CallIdRange range, long from, SettlementWindow window, int limit) {
        return new ArrayList<>(jdbc.query("SELECT " + ArchivedCall.COLUMNS + WHERE + " ORDER BY id LIMIT ?",
                (row, i) -> ArchivedCall.of(row), from, range.last(), UtcTimestamps.of(window.start()),
                UtcTimestamps.of(window.end()), limit));
    }
}
