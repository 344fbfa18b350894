package network.mmc.jobs.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import network.mmc.jobs.calls.CallFileImporter;
import network.mmc.jobs.calls.ImportSummary;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.jobs.settlement.SettlementSettings;
import network.mmc.jobs.simulation.Simulator;
import network.mmc.settlement.SettlementWindow;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bench/ingest-while-settling: the rate of file ingest (import-calls' own path, every row validated) on an idle Hub,
 * against its rate while the same Hub settles a window of 10 000 000 call records over 10 000 nodes (unless the
 * arguments say otherwise), with the settlement settings as configured; target: at least 0.7 x the idle rate.
 * The files are copies of one simulator CSV, each with event ids of its own, so that every import stores all its rows.
 * The idle rate is taken over imports before and after the settlement; the busy one over the imports that started once
 * the settlement was aggregating and ended before it was done. Arguments: [records] [nodes] [rows per file], then any
 * {@code --key=value} settings of the Hub (e.g. {@code --mmc.settlement.partition-threads=1}).
 */
public final class IngestWhileSettlingBenchmark {

    private static final int IDLE_FILES = 2;
    // more than can finish during one settlement here; the files left over are not imported
    private static final int BUSY_FILES = 8;

    public static void main(String[] args) throws Exception {
        List<String> sizes = Arrays.stream(args).filter(arg -> !arg.startsWith("--")).toList();
        String[] settings = Arrays.stream(args).filter(arg -> arg.startsWith("--")).toArray(String[]::new);
        int records = sizes.size() > 0 ? Integer.parseInt(sizes.get(0)) : 10_000_000;
        int nodes = sizes.size() > 1 ? Integer.parseInt(sizes.get(1)) : 10_000;
        int fileRows = sizes.size() > 2 ? Integer.parseInt(sizes.get(2)) : 500_000;
        try (ConfigurableApplicationContext hub = BenchmarkHub.start("ingest-while-settling", settings)) {
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            SettlementService settlement = hub.getBean(SettlementService.class);
            CallFileImporter importer = hub.getBean(CallFileImporter.class);
            SettlementWindow window = settlement.window("2026-03-01T00:00Z");
            GeneratedCalls.generateAndSay(jdbc, window, nodes, records);

            Path dir = Path.of("bench", "out", "ingest-while-settling").toAbsolutePath();
            Path base = dir.resolve("simulated.csv");
            // the simulator makes about 75 000 rows per hour of 2 000 nodes at 17 calls a node-hour
            int hours = Math.min(150, 2 + fileRows / 60_000);
            hub.getBean(Simulator.class).simulateToCsv(2000, hours, 7, 17, base);
            List<Path> files = new ArrayList<>();
            for (int k = 0; k < 2 * IDLE_FILES + BUSY_FILES; k++) {
                files.add(copy(base, dir.resolve("import-" + k + ".csv"), "f" + k + "-", fileRows));
            }
            System.out.printf("%d files of %,d rows each (%s); settlement: %,d partitions, %d at a time%n", files.size(),
                    dataLines(files.get(0)), dir, settings(hub).gridSize(), settings(hub).partitionThreads());

            Rate idle = new Rate();
            for (Path file : files.subList(0, IDLE_FILES)) {
                idle.add(importFile(importer, file, "idle"));
            }

            Rate busy = new Rate();
            long settleStart = System.nanoTime();
            CompletableFuture<SettlementRun> settling = CompletableFuture.supplyAsync(() -> settlement.settle(window));
            awaitAggregating(jdbc, settling);
            int imported = 0;
            for (Path file : files.subList(2 * IDLE_FILES, files.size())) {
                if (settling.isDone()) {
                    break;
                }
                ImportSummary summary = importFile(importer, file, "while settling");
                imported++;
                if (settling.isDone()) {
                    System.out.println("  (ended after the settlement: not counted)");
                } else {
                    busy.add(summary);
                }
            }
            SettlementRun run = settling.join();
            double settleSeconds = BenchmarkHub.seconds(settleStart);
            if (imported == files.size() - 2 * IDLE_FILES) {
                System.out.println("  (every file was imported before the settlement ended)");
            }

            for (Path file : files.subList(IDLE_FILES, 2 * IDLE_FILES)) {
                idle.add(importFile(importer, file, "idle"));
            }

            System.out.printf("settlementJob: %,d calls of %,d nodes in %.2f s, with the imports beside it%n",
                    run.callCount(), run.nodeCount(), settleSeconds);
            System.out.printf("import-calls idle          : %,10d rows in %6.2f s = %,9.0f rows/s (%d files)%n",
                    idle.rows, idle.seconds, idle.perSecond(), idle.files);
            if (busy.files == 0) {
                throw new IllegalStateException("no import finished while the window settled: give fewer rows per file");
            }
            System.out.printf("import-calls while settling: %,10d rows in %6.2f s = %,9.0f rows/s (%d files)%n",
                    busy.rows, busy.seconds, busy.perSecond(), busy.files);
            System.out.printf("ratio while settling / idle = %.2f (target >= 0.70)%n", busy.perSecond() / idle.perSecond());
        }
    }

    private static SettlementSettings settings(ConfigurableApplicationContext hub) {
        return hub.getBean(SettlementSettings.class);
    }

    private static final class Rate {
        long rows;
        double seconds;
        int files;

        void add(ImportSummary summary) {
            rows += summary.stored();
            seconds += summary.elapsed().toNanos() / 1e9;
            files++;
        }

        double perSecond() {
            return rows / seconds;
        }
    }

    private static ImportSummary importFile(CallFileImporter importer, Path file, String phase) {
        ImportSummary summary = importer.importFile(file, new PrintStream(OutputStream.nullOutputStream()));
        if (summary.stored() != summary.rowsRead()) {
            throw new IllegalStateException(file + ": " + summary.rejected() + " rows rejected, " + summary.duplicates()
                    + " duplicates; every row should be stored");
        }
        System.out.printf("  %-15s %s: %,d rows in %5.2f s (load average %s)%n", phase, file.getFileName(),
                summary.stored(), summary.elapsed().toNanos() / 1e9, BenchmarkHub.loadAverage());
        return summary;
    }

    /** Waits until a partition of the settlement is being aggregated, the part that reads the window's rows. */
    private static void awaitAggregating(JdbcTemplate jdbc, CompletableFuture<SettlementRun> settling)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!settling.isDone() && System.nanoTime() < deadline) {
            Long started = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STATUS = 'STARTED'"
                    + " AND STEP_NAME LIKE 'aggregatePartitionStep:%'", Long.class);
            if (started > 0) {
                return;
            }
            Thread.sleep(50);
        }
    }

    /** The first {@code rows} data lines of {@code base}, their event ids (the first column) prefixed. */
    private static Path copy(Path base, Path target, String prefix, int rows) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(base, StandardCharsets.UTF_8);
             BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            out.write(in.readLine());
            out.write('\n');
            int written = 0;
            for (String line = in.readLine(); line != null && written < rows; line = in.readLine()) {
                out.write(prefix);
                out.write(line);
                out.write('\n');
                written++;
            }
        }
        return target;
    }

    private static long dataLines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count() - 1;
        }
    }
}
