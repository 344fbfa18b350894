package network.mmc.jobs.bench;

import com.mysql.cj.jdbc.JdbcStatement;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.simulation.Simulator;
import network.mmc.jobs.support.GeneratedCalls;
import network.mmc.jobs.support.IngestLoad;
import network.mmc.jobs.support.TestNode;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bench/ingest-rest: 8 clients on loopback post batches of 1 000 generated call records to {@code POST /api/calls}
 * as fast as they can for 30 s (after a 20 s warm-up), against the floor of bench/ingest: the very rows they had
 * acknowledged, loaded raw with LOAD DATA LOCAL INFILE into a scratch copy of the table. Arguments: [seconds]
 * [warm-up seconds]. The warm-up is long because on 2 cores the JIT compilers were still busy with the Hub's code
 * for the first 20 s of a 5 s warm-up's window; the clients' bodies are written before the clock starts
 * ({@link PreparedBodies}).
 */
public final class IngestRestBenchmark {

    private static final int CLIENTS = 8;
    private static final int BATCH = 1_000;
    // more than any client has posted in 30 s on 2 cores (about 300)
    private static final int PREPARED_BATCHES = 400;
    // Tomcat's threads: the Hub's side of every request
    private static final String HUB_THREADS = "http-nio-";

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 30);
        Duration warmUp = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 20);
        try (ConfigurableApplicationContext hub = BenchmarkHub.serve("ingest-rest")) {
            hub.getBean(Simulator.class).simulate(2000, 0, 17, 25);
            JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
            List<String> nodes = jdbc.queryForList("SELECT node_id FROM node ORDER BY node_id", String.class);
            String key = hub.getBean(ApiKeys.class).create(Role.INGEST, "bench");
            String calledAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            int port = BenchmarkHub.port(hub);
            // written before the warm-up, which gives the collector time to settle them
            GeneratedCalls calls = new GeneratedCalls("bench", nodes, TestNode.aWallet(), calledAt, BATCH);
            PreparedBodies bodies = new PreparedBodies(calls, CLIENTS, PREPARED_BATCHES);

            new IngestLoad(port, key, new GeneratedCalls("warm", nodes, TestNode.aWallet(), calledAt, BATCH))
                    .run(CLIENTS, warmUp);
            String loadBefore = loadAverage();
            CpuTimes beforeRest = CpuTimes.now(BenchmarkHub.dataDir("ingest-rest"), HUB_THREADS);
            IngestLoad.Outcome rest = new IngestLoad(port, key, bodies).run(CLIENTS, duration);
            CpuTimes.Used restCpu = beforeRest.now().since(beforeRest);

            Path csv = Path.of("bench", "out", "ingest-rest", "acknowledged.csv").toAbsolutePath();
            writeAcknowledged(calls, rest, csv);
            long floorRows;
            CpuTimes beforeFloor = beforeRest.now();
            long start = System.nanoTime();
            try (Connection connection = hub.getBean(DataSource.class).getConnection();
                 Statement statement = connection.createStatement(); InputStream in = Files.newInputStream(csv)) {
                statement.execute("CREATE TABLE call_record_floor LIKE call_record");
                statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(in);
                floorRows = statement.executeUpdate("LOAD DATA LOCAL INFILE 'acknowledged.csv' IGNORE INTO TABLE"
                        + " call_record_floor FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n' IGNORE 1 LINES"
                        + " (event_id, node_id, caller_type, caller_id, caller_wallet, task_type, status, credits,"
                        + " @latency, @called) SET latency_ms = NULLIF(@latency, ''),"
                        + " called_at = NULLIF(REPLACE(REPLACE(@called, 'T', ' '), 'Z', ''), ''), recorded_at = NOW(6)");
            }
            double floorSeconds = BenchmarkHub.seconds(start);
            CpuTimes.Used floorCpu = beforeFloor.now().since(beforeFloor);

            double floorRate = floorRows / floorSeconds;
            System.out.printf("%d clients x batches of %,d records for %d s after a %d s warm-up, the first %d bodies"
                            + " of each client written beforehand, on %d cores (load average before %s, after %s)%n",
                    CLIENTS, BATCH, duration.toSeconds(), warmUp.toSeconds(), PREPARED_BATCHES,
                    Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage());
            System.out.printf("floor  LOAD DATA same rows: %,10d rows in %6.2f s = %,10.0f rows/s%n",
                    floorRows, floorSeconds, floorRate);
            System.out.printf("POST /api/calls (validated): %,10d rows in %6.2f s = %,10.0f rows/s (%d answers 429,"
                            + " %d duplicates, %d rejected, other answers %s)%n", rest.stored(), rest.seconds(),
                    rest.storedPerSecond(), rest.refusals(), rest.duplicates(), rest.rejected(), rest.otherStatus());
            System.out.printf("ratio POST /api/calls / floor = %.2f (target >= 0.50)%n",
                    rest.storedPerSecond() / floorRate);
            double perThousand = 1000.0 / Math.max(1, rest.stored()) * 1000;
            System.out.printf("CPU during the POSTs: JVM %.1f s = Hub request threads %.1f s + clients %.1f s + the"
                            + " rest (GC, JIT, ...) %.1f s; MariaDB %.1f s. Per 1 000 rows stored: Hub request threads"
                            + " %.1f ms, clients %.1f ms, MariaDB %.1f ms (LOAD DATA floor: MariaDB %.1f ms)%n",
                    restCpu.jvm(), restCpu.threads(), rest.clientCpu(), restCpu.jvm() - restCpu.threads()
                            - rest.clientCpu(), restCpu.database(), restCpu.threads() * perThousand,
                    rest.clientCpu() * perThousand, restCpu.database() * perThousand,
                    floorCpu.database() * 1000.0 / Math.max(1, floorRows) * 1000);
        }
    }

    /** The 1-minute load average where Linux tells it: on a shared machine it says how far to trust the ratio. */
    private static String loadAverage() throws Exception {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.isReadable(loadavg) ? Files.readString(loadavg).split(" ")[0] : "unknown";
    }

    private static void writeAcknowledged(GeneratedCalls calls, IngestLoad.Outcome rest, Path csv) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(GeneratedCalls.CSV_HEADER);
            StringBuilder lines = new StringBuilder();
            for (int client = 0; client < rest.perClient().size(); client++) {
                for (long batch = 0; batch < rest.perClient().get(client); batch++) {
                    lines.setLength(0);
                    calls.appendCsv(lines, client, batch);
                    out.write(lines.toString());
                }
            }
        }
    }
}
