package network.mmc.jobs.calls;

import java.time.Instant;
import java.util.List;
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
}
