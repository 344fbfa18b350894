package network.mmc.jobs.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.jobs.support.ChildHub;
import network.mmc.settlement.SettlementWindow;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bench/scale: one window of call records (10 000 000 over 10 000 nodes unless the arguments say otherwise) settled by
 * settlementJob in local mode with 1, 2 and 4 partitions (as many threads), then in remote mode by 2 worker processes
 * (2 threads each, 4 partitions) on the same database; each time against the floor, a plain GROUP BY node_id over the
 * window's id range measured in the same run. The first configuration settles the window (revision 1), the others
 * re-run it on the same rows; every revision must have the same input digest and the same node results.
 * Arguments: [records] [nodes].
 */
public final class ScaleBenchmark {

    // a queue of this run's own: other runs and tests on the same broker never take its requests
    private static final String QUEUE = "mmc-bench-scale-" + ProcessHandle.current().pid();
    private static final Pattern PARTITION_DONE = Pattern.compile("partition\\d+ of settlement execution \\d+ COMPLETED");

    private record Result(String configuration, double seconds, SettlementRun run) {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        try (ConfigurableApplicationContext hub = BenchmarkHub.start("scale", local(1))) {
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            SettlementService settlement = hub.getBean(SettlementService.class);
            SettlementWindow window = settlement.window("2026-03-01T00:00Z");
            GeneratedCalls.generateAndSay(jdbc, window, nodes, records);

            double floorBefore = GroupByFloor.seconds(jdbc, window);
            List<Result> results = new ArrayList<>();
            results.add(timed("local, 1 partition", () -> settlement.settle(window)));
            for (int partitions : new int[]{2, 4}) {
                String configuration = "local, " + partitions + " partitions";
                try (ConfigurableApplicationContext other = BenchmarkHub.attach(hub, local(partitions))) {
                    results.add(timed(configuration, () -> rerun(other, window, configuration)));
                }
            }
            results.add(remote(hub, window));
            double floorAfter = GroupByFloor.seconds(jdbc, window);
            report(jdbc, results, floorBefore, floorAfter);
        }
    }

    private static String[] local(int partitions) {
        return new String[]{"--mmc.settlement.mode=local", "--mmc.settlement.grid-size=" + partitions,
                "--mmc.settlement.partition-threads=" + partitions};
    }

    /** Two `mmc-hub worker` processes and a Hub in remote mode, all on the benchmark's database. */
    private static Result remote(ConfigurableApplicationContext hub, SettlementWindow window) throws Exception {
        List<String> properties = new ArrayList<>(BenchmarkHub.database(hub));
        properties.add("mmc.settlement.remote.queue=" + QUEUE);
        properties.add("mmc.settlement.remote.worker-threads=2");
        String configuration = "remote, 2 workers x 2 threads, 4 partitions";
        try (ChildHub first = ChildHub.start(properties, "worker"); ChildHub second = ChildHub.start(properties, "worker");
             ConfigurableApplicationContext manager = BenchmarkHub.attach(hub, "--mmc.settlement.mode=remote",
                     "--mmc.settlement.grid-size=4", "--mmc.settlement.remote.queue=" + QUEUE,
                     "--mmc.settlement.remote.poll-interval=PT0.2S")) {
            try {
                awaitReady(first);
                awaitReady(second);
                Result result = timed(configuration, () -> rerun(manager, window, configuration));
                System.out.printf("remote: the workers completed %d and %d partitions%n", completed(first),
                        completed(second));
                return result;
            } finally {
                manager.getBean(AmqpAdmin.class).deleteQueue(QUEUE);
            }
        }
    }

    private static void awaitReady(ChildHub worker) throws InterruptedException {
        if (!worker.awaitLine("MMC Hub worker: settlement partitions from queue '" + QUEUE + "'", 240)) {
            throw new IllegalStateException("a worker did not start (is RabbitMQ up on spring.rabbitmq.host:port,"
                    + " by default localhost:5672?):\n" + worker.output());
        }
    }

    private static int completed(ChildHub worker) {
        Matcher done = PARTITION_DONE.matcher(worker.output());
        int count = 0;
        while (done.find()) {
            count++;
        }
        return count;
    }

    private static SettlementRun rerun(ConfigurableApplicationContext hub, SettlementWindow window, String configuration) {
        return hub.getBean(SettlementService.class).rerun(window, "bench/scale: " + configuration, "bench");
    }

    private static Result timed(String configuration, Supplier<SettlementRun> settle) {
        String load = BenchmarkHub.loadAverage();
        long start = System.nanoTime();
        SettlementRun run = settle.get();
        double seconds = BenchmarkHub.seconds(start);
        System.out.printf("  %-46s %7.2f s (load average %s before, %s after)%n", configuration, seconds, load,
                BenchmarkHub.loadAverage());
        return new Result(configuration, seconds, run);
    }

    private static void report(JdbcTemplate jdbc, List<Result> results, double floorBefore, double floorAfter) {
        // the ratios are taken against the faster floor: the one that ran with more of the table cached
        double floor = Math.min(floorBefore, floorAfter);
        System.out.printf("floor GROUP BY node_id: %.2f s before the runs, %.2f s after; ratios against %.2f s%n",
                floorBefore, floorAfter, floor);
        System.out.printf("%-46s %9s %7s %9s %4s  %-16s %-16s%n", "configuration", "time", "/floor", "aggregate", "rev",
                "input_sha256", "node results");
        Result first = results.get(0);
        String expected = nodeResults(jdbc, first.run());
        boolean same = true;
        for (Result result : results) {
            SettlementRun run = result.run();
            String nodes = nodeResults(jdbc, run);
            boolean equal = run.inputSha256().equals(first.run().inputSha256()) && nodes.equals(expected)
                    && run.callCount() == first.run().callCount() && run.allocated() == first.run().allocated();
            same &= equal;
            System.out.printf("%-46s %7.2f s %7.2f %7.2f s %4d  %-16s %-16s%s%n", result.configuration(), result.seconds(),
                    result.seconds() / floor, aggregateSeconds(jdbc, run), run.revision(),
                    run.inputSha256().substring(0, 16), nodes.substring(0, 16), equal ? "" : "  DIFFERENT");
        }
        if (!same) {
            throw new IllegalStateException("the configurations did not settle the window identically");
        }
        System.out.printf("all %d revisions identical: %,d calls of %,d nodes, input_sha256 %s, allocated %,d%n",
                results.size(), first.run().callCount(), first.run().nodeCount(), first.run().inputSha256(),
                first.run().allocated());
    }

    private static double aggregateSeconds(JdbcTemplate jdbc, SettlementRun run) {
        return jdbc.queryForObject("SELECT TIMESTAMPDIFF(MICROSECOND, START_TIME, END_TIME) / 1e6 FROM BATCH_STEP_EXECUTION"
                + " WHERE JOB_EXECUTION_ID = ? AND STEP_NAME = 'aggregateWindowStep'", Double.class, run.jobExecutionId());
    }

    /** SHA-256 over the run's node rows in node order: equal for two runs that settled every node alike. */
    private static String nodeResults(JdbcTemplate jdbc, SettlementRun run) {
        MessageDigest digest = sha256();
        jdbc.query("SELECT CONCAT_WS('|', node_id, owner_wallet, calls, ok, credits, self_dealt, quality, usage_capped,"
                + " stake, stake_factor, eligible, raw_weight, weight, reward) FROM node_settlement WHERE run_id = ?"
                + " ORDER BY node_id", row -> {
            digest.update(row.getString(1).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }, run.id());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
