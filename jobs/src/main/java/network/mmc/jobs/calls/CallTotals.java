package network.mmc.jobs.calls;

import java.time.Instant;
import java.util.List;
import network.mmc.jobs.database.UtcTimestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Call totals per 2-hour window, for the demo and ops. */
@Component
public class CallTotals {

    public record WindowTotals(Instant windowStart, long calls, long ok, long successCredits) {
    }

    private final JdbcTemplate jdbc;

    CallTotals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<WindowTotals> perWindow(long periodSeconds) {
        return jdbc.query("SELECT FLOOR(TIMESTAMPDIFF(SECOND, '1970-01-01', recorded_at) / ?) AS w, COUNT(*),"
                        + " SUM(status = 'SUCCESS'), SUM(IF(status = 'SUCCESS', credits, 0))"
                        + " FROM call_record GROUP BY w ORDER BY w",
                (row, i) -> new WindowTotals(Instant.ofEpochSecond(row.getLong(1) * periodSeconds), row.getLong(2),
                        row.getLong(3), row.getLong(4)),
                periodSeconds);
    }

    /** The records received in {@code [from, to)}: the window being filled, say (an index range scan). */
    public WindowTotals receivedBetween(Instant from, Instant to) {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(status = 'SUCCESS'), 0),"
                        + " COALESCE(SUM(IF(status = 'SUCCESS', credits, 0)), 0)"
                        + " FROM call_record WHERE recorded_at >= ? AND recorded_at < ?",
                (row, i) -> new WindowTotals(from, row.getLong(1), row.getLong(2), row.getLong(3)),
                UtcTimestamps.of(from), UtcTimestamps.of(to));
    }
}
