package network.mmc.jobs.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import network.mmc.jobs.calls.CallFileImporter;
import network.mmc.jobs.calls.ImportSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "import-calls", mixinStandardHelpOptions = true,
        description = "Import call records from a CSV (with header) or NDJSON file, streamed. Every field is checked against"
                + " its column (README: Call records; credits at most mmc.ingest.max-credits); bad rows go to"
                + " FILE.rejects.csv with their line and reason.")
class ImportCallsCommand implements Callable<Integer> {

    private final HubRuntime runtime;

    @Parameters(paramLabel = "FILE", description = "CSV with header event_id,node_id,caller_type,caller_id,"
            + "caller_wallet,task_type,status,credits,latency_ms,called_at; or one JSON object a line.")
    Path file;

    ImportCallsCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() {
        if (!file.toFile().canRead()) {
            throw new IllegalArgumentException("cannot read " + file);
        }
        ImportSummary summary = runtime.bean(CallFileImporter.class).importFile(file, System.err);
        System.out.println(line(summary));
        return 0;
    }

    static String line(ImportSummary summary) {
        String rate = summary.rowsPerSecond().isPresent()
                ? String.format(Locale.ROOT, ", %,.0f rows/s", summary.rowsPerSecond().getAsDouble()) : "";
        return String.format(Locale.ROOT, "read %,d rows: %,d stored, %,d duplicates, %,d rejected (%s) in %s%s",
                summary.rowsRead(), summary.stored(), summary.duplicates(), summary.rejected(), summary.rejectsFile(),
                DurationText.of(summary.elapsed()), rate);
    }
}
