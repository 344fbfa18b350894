package network.mmc.jobs.bench;

import com.mysql.cj.jdbc.JdbcStatement;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import network.mmc.jobs.calls.CallFileImporter;
import network.mmc.jobs.calls.ImportSummary;
import network.mmc.jobs.simulation.Simulator;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * bench/ingest: a ~2 000 000-row CSV from the simulator, imported with import-calls (every row validated),
 * against the floor: the same file loaded raw with LOAD DATA LOCAL INFILE into a scratch copy of the table.
 */
public final class IngestBenchmark {

    public static void main(String[] args) throws Exception {
        try (ConfigurableApplicationContext hub = BenchmarkHub.start("ingest")) {
            Path csv = Path.of("bench", "out", "ingest", "calls.csv").toAbsolutePath();
            Simulator.Summary made = hub.getBean(Simulator.class).simulateToCsv(2000, 25, 7, 17, csv);
            System.out.printf("input: %,d rows, %,d MB (%s)%n", made.callRecords(), Files.size(csv) >> 20, csv);

            DataSource dataSource = hub.getBean(DataSource.class);
            long floorRows;
            long start = System.nanoTime();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                 InputStream in = Files.newInputStream(csv)) {
                statement.execute("CREATE TABLE call_record_floor LIKE call_record");
                statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(in);
                floorRows = statement.executeUpdate("LOAD DATA LOCAL INFILE 'calls.csv' IGNORE INTO TABLE call_record_floor"
                        + " FIELDS TERMINATED BY ',' LINES TERMINATED BY '\\n' IGNORE 1 LINES"
                        + " (event_id, node_id, caller_type, caller_id, caller_wallet, task_type, status, credits,"
                        + " @latency, @called) SET latency_ms = NULLIF(@latency, ''),"
                        + " called_at = NULLIF(REPLACE(REPLACE(@called, 'T', ' '), 'Z', ''), ''), recorded_at = NOW(6)");
            }
            double floorSeconds = BenchmarkHub.seconds(start);

            ImportSummary ours = hub.getBean(CallFileImporter.class)
                    .importFile(csv, new PrintStream(new ByteArrayOutputStream()));
            double oursSeconds = ours.elapsed().toNanos() / 1e9;

            double floorRate = floorRows / floorSeconds;
            double oursRate = ours.stored() / oursSeconds;
            System.out.printf("floor  LOAD DATA raw file : %,10d rows in %6.2f s = %,10.0f rows/s%n", floorRows, floorSeconds, floorRate);
            System.out.printf("import-calls (validated): %,10d rows in %6.2f s = %,10.0f rows/s (%d rejected, %d duplicates)%n",
                    ours.stored(), oursSeconds, oursRate, ours.rejected(), ours.duplicates());
            System.out.printf("ratio import-calls / floor = %.2f (target >= 0.70)%n", oursRate / floorRate);
        }
    }
}
