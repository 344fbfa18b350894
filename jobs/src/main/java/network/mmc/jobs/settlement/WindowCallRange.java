package network.mmc.jobs.settlement;

import java.time.Duration;
import java.util.List;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Finds a window's primary-key range with two index seeks on {@code ix_call_recorded}. */
@Component
class WindowCallRange {

    private final JdbcTemplate jdbc;
    private final Duration skew;

    WindowCallRange(JdbcTemplate jdbc, SettlementSettings settings) {
        this.jdbc = jdbc;
        this.skew = settings.clockSkew();
    }

    CallIdRange of(SettlementWindow window) {
        List<Long> first = jdbc.queryForList(
                "SELECT id FROM call_record WHERE recorded_at >= ? ORDER BY recorded_at, id LIMIT 1",
                Long.class, UtcTimestamps.of(window.start().minus(skew)));
        List<Long> last = jdbc.queryForList(
                "SELECT id FROM call_record WHERE recorded_at < ? ORDER BY recorded_at DESC, id DESC LIMIT 1",
                Long.class, UtcTimestamps.of(window.end().plus(skew)));
        if (first.isEmpty() || last.isEmpty() || first.get(0) > last.get(0)) {
            return CallIdRange.EMPTY;
        }
        return new CallIdRange(first.get(0), last.get(0));
    }
}
