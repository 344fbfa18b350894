package network.mmc.jobs.bench;

import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.jobs.settlement.SettlementSettings;
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
        // arguments are Hub settings (--key=value), such as the partitions aggregated at once
        try (ConfigurableApplicationContext hub = BenchmarkHub.start("settlement", args)) {
            System.out.printf("partition-threads %d, grid-size %d%n", hub.getBean(SettlementSettings.class).partitionThreads(),
                    hub.getBean(SettlementSettings.class).gridSize());
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            SettlementService settlement = hub.getBean(SettlementService.class);
            run(jdbc, settlement, "2026-03-01T00:00Z", 10_000, 10_000_000, "target <= 1.2");
            run(jdbc, settlement, "2026-03-01T02:00Z", 100_000, 10_000_000, "target <= 1.5");
        }
    }

    private static void run(JdbcTemplate jdbc, SettlementService settlement, String windowStart, int nodes, int records,
                            String target) {
        SettlementWindow window = settlement.window(windowStart);
        GeneratedCalls.generateAndSay(jdbc, window, nodes, records);

        double floorBefore = GroupByFloor.seconds(jdbc, window);
        long start = System.nanoTime();
        SettlementRun run = settlement.settle(window);
        double jobSeconds = BenchmarkHub.seconds(start);
        double floorAfter = GroupByFloor.seconds(jdbc, window);
        // against the faster floor: the one that ran with more of the table cached
        double floorSeconds = Math.min(floorBefore, floorAfter);

        System.out.printf("floor GROUP BY node_id : %6.2f s before the job, %6.2f s after%n", floorBefore, floorAfter);
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
