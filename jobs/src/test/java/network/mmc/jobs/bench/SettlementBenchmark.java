package network.mmc.jobs.bench;

import java.util.List;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.settlement.SettlementWindow;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bench/settlement: one window of 10 000 000 call records over 10 000 nodes. Times the floor, a plain
 * GROUP BY node_id over the window's id range, and settlementJob end to end; then 100 000 nodes x 10 000 000
 * records. Records are generated inside MariaDB from its sequence engine.
 */
public final class SettlementBenchmark {

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext hub = BenchmarkHub.start("settlement")) {
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            SettlementService settlement = hub.getBean(SettlementService.class);
            run(jdbc, settlement, "2026-03-01T00:00Z", 10_000, 10_000_000, "target <= 1.2");
            run(jdbc, settlement, "2026-03-01T02:00Z", 100_000, 10_000_000, "target <= 1.5");
        }
    }

    private static void run(JdbcTemplate jdbc, SettlementService settlement, String windowStart, int nodes, int records,
                            String target) {
        SettlementWindow window = settlement.window(windowStart);
        long start = System.nanoTime();
        GeneratedCalls.generate(jdbc, window, nodes, records);
        System.out.printf("%n%,d nodes x %,d records in window %s (generated in %.1f s)%n", nodes, records, window,
                BenchmarkHub.seconds(start));

        long[] range = jdbc.queryForObject("SELECT MIN(id), MAX(id) FROM call_record WHERE recorded_at >= ? AND recorded_at < ?",
                (row, i) -> new long[]{row.getLong(1), row.getLong(2)}, UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()));
        start = System.nanoTime();
        List<Object[]> floor = jdbc.query("SELECT node_id, COUNT(*), SUM(status = 'SUCCESS'), SUM(IF(status = 'SUCCESS', credits, 0))"
                        + " FROM call_record WHERE id BETWEEN ? AND ? GROUP BY node_id",
                (row, i) -> new Object[]{row.getString(1), row.getLong(2)}, range[0], range[1]);
        double floorSeconds = BenchmarkHub.seconds(start);

        start = System.nanoTime();
        SettlementRun run = settlement.settle(window);
        double jobSeconds = BenchmarkHub.seconds(start);

        System.out.printf("floor GROUP BY node_id : %6.2f s (%,d groups)%n", floorSeconds, floor.size());
        System.out.printf("settlementJob end to end: %6.2f s (%,d nodes, %,d calls, pool %,d allocated %,d)%n", jobSeconds,
                run.nodeCount(), run.callCount(), run.pool(), run.allocated());
        jdbc.query("SELECT STEP_NAME, TIMESTAMPDIFF(MICROSECOND, START_TIME, END_TIME) / 1e6 FROM BATCH_STEP_EXECUTION"
                + " WHERE JOB_EXECUTION_ID = ? ORDER BY STEP_EXECUTION_ID", row -> {
            System.out.printf("  step %-40s %6.2f s%n", row.getString(1), row.getDouble(2));
        }, run.jobExecutionId());
        System.out.printf("ratio job / floor = %.2f (%s; JVM max heap %d MB)%n", jobSeconds / floorSeconds, target,
                Runtime.getRuntime().maxMemory() >> 20);
    }
}
