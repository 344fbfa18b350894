package network.mmc.jobs.bench;

import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The settlement benchmarks' floor: a plain GROUP BY node_id over a window's id range, the least a settlement reads,
 * by the primary key as settlement reads it (a range over much of the table would otherwise be a full scan).
 */
final class GroupByFloor {

    private GroupByFloor() {
    }

    /** The floor's time over the window's records, in seconds. */
    static double seconds(JdbcTemplate jdbc, SettlementWindow window) {
        long[] range = jdbc.queryForObject("SELECT MIN(id), MAX(id) FROM call_record WHERE recorded_at >= ? AND recorded_at < ?",
                (row, i) -> new long[]{row.getLong(1), row.getLong(2)}, UtcTimestamps.of(window.start()),
                UtcTimestamps.of(window.end()));
        long start = System.nanoTime();
        jdbc.query("SELECT node_id, COUNT(*), SUM(status = 'SUCCESS'), SUM(IF(status = 'SUCCESS', credits, 0))"
                + " FROM call_record FORCE INDEX (PRIMARY) WHERE id BETWEEN ? AND ? GROUP BY node_id", row -> {
        }, range[0], range[1]);
        return BenchmarkHub.seconds(start);
    }
}
