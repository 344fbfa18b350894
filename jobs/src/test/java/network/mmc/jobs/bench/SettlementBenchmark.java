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
        generate(jdbc, window, nodes, records);
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

    private static void generate(JdbcTemplate jdbc, SettlementWindow window, int nodes, int records) {
        String tag = window.start().toString().replaceAll("[^0-9]", "").substring(0, 12);
        jdbc.execute("DROP TABLE IF EXISTS bench_node");
        jdbc.execute("CREATE TABLE bench_node (k INT PRIMARY KEY, node_id VARCHAR(64) NOT NULL)");
        jdbc.update("INSERT INTO bench_node SELECT seq - 1, CONCAT('bench-" + tag + "-', seq) FROM seq_1_to_" + nodes);
        jdbc.update("INSERT IGNORE INTO node (node_id, public_key, kind, owner_wallet, stake, registered_at)"
                + " SELECT b.node_id, UNHEX(SHA2(b.node_id, 256)), 'COMPUTING', IF(b.k % 20 = 19, NULL, CONCAT('owner-', b.k % 3000)),"
                + " (b.k % 5) * 5000000000000, NOW(6) FROM bench_node b");
        long spacingMicros = window.period().toNanos() / 1000 / records;
        int batch = 1_000_000;
        for (int from = 1; from <= records; from += batch) {
            int to = Math.min(records, from + batch - 1);
            jdbc.update("INSERT INTO call_record (event_id, node_id, caller_type, caller_id, caller_wallet, task_type,"
                    + " status, credits, latency_ms, called_at, recorded_at)"
                    + " SELECT CONCAT('bench-" + tag + "-', s.seq), b.node_id, IF(s.seq % 10 = 0, 'VALIDATOR', 'API_USER'), 'u',"
                    + " IF(s.seq % 10 = 0, NULL, IF(s.seq % 97 = 0, CONCAT('owner-', b.k % 3000), CONCAT('user-', s.seq % 89))),"
                    + " 'gemm', ELT(1 + IF(s.seq % 17 = 0, 1 + s.seq % 3, 0), 'SUCCESS', 'FAILED', 'TIMEOUT', 'WRONG_RESULT'),"
                    + " 40 + s.seq % 260 + IF(b.k < 3, 5000, 0), 100, NULL, TIMESTAMPADD(MICROSECOND, s.seq * ?, ?)"
                    + " FROM seq_" + from + "_to_" + to + " s JOIN bench_node b ON b.k = (s.seq * 7919) % " + nodes,
                    spacingMicros, UtcTimestamps.of(window.start()));
        }
        jdbc.execute("DROP TABLE bench_node");
    }
}
