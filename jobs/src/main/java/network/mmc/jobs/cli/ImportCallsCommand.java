package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import network.mmc.jobs.calls.CallBackfill;
import network.mmc.jobs.calls.CallFileImporter;
import network.mmc.jobs.calls.ImportSummary;
import network.mmc.jobs.calls.WindowCount;
import network.mmc.settlement.TimeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import-calls", mixinStandardHelpOptions = true,
        description = "Import call records from a CSV (with header) or NDJSON file, streamed. Every field is checked against"
                + " its column (README: Call records; credits at most mmc.ingest.max-credits, called_at within"
                + " mmc.ingest.max-future-skew and mmc.ingest.max-age of the receipt); bad rows go to FILE.rejects.csv"
                + " with their line and reason. Records count in the window that receives them (receipt-time) unless"
                + " --backfill is given (README: Late call records).")
class ImportCallsCommand implements Callable<Integer> {

    private final HubRuntime runtime;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "CSV with header event_id,node_id,caller_type,caller_id,"
            + "caller_wallet,task_type,status,credits,latency_ms,called_at; or one JSON object a line.")
    Path file;

    @Option(names = "--backfill", description = "Ops: put each record in the window of its called_at (required)"
            + " instead of the window that receives it. Refuses, storing nothing, when a window it would change is"
            + " settled, unless --rerun is given.")
    boolean backfill;

    @Option(names = "--rerun", description = "With --backfill: store records into settled windows too and re-run"
            + " each of those windows (a new revision, with --reason and --operator).")
    boolean rerun;

    @Option(names = "--reason", description = "Why the settled windows are re-run (with --rerun).")
    String reason;

    @Option(names = "--operator", description = "Who asks for the re-runs (with --rerun).")
    String operator;

    ImportCallsCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() {
        if (rerun && !backfill) {
            throw new IllegalArgumentException("--rerun only applies to --backfill");
        }
        if (!rerun && (reason != null || operator != null)) {
            throw new IllegalArgumentException("--reason and --operator go with --rerun");
        }
        if (!file.toFile().canRead()) {
            throw new IllegalArgumentException("cannot read " + file);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!backfill) {
            ImportSummary summary = runtime.bean(CallFileImporter.class).importFile(file, System.err);
            printSummary(summary, out);
            printWindows("receipt-time: each record counts in the window that received it; records made in another"
                    + " window", summary.datedInOtherWindows(), out);
            return 0;
        }
        CallBackfill.Outcome outcome = runtime.bean(CallBackfill.class)
                .importFile(file, rerun ? new CallBackfill.Reruns(reason, operator) : null, System.err);
        printSummary(outcome.summary(), out);
        printWindows("backfill: each record counts in the window of its called_at; records by window",
                outcome.summary().backfilled(), out);
        if (!outcome.reruns().isEmpty()) {
            out.println("settled windows re-run with the backfilled records:");
            RunsCommand.printRuns(outcome.reruns(), out);
        }
        if (!outcome.failedReruns().isEmpty()) {
            outcome.failedReruns().forEach(failure -> spec.commandLine().getErr().println("re-run failed: " + failure
                    + "; the records are stored: re-run it with settle --rerun"));
            return 1;
        }
        return 0;
    }

    private static void printSummary(ImportSummary summary, PrintWriter out) {
        out.println(line(summary));
    }

    static String line(ImportSummary summary) {
        String rate = summary.rowsPerSecond().isPresent()
                ? String.format(Locale.ROOT, ", %,.0f rows/s", summary.rowsPerSecond().getAsDouble()) : "";
        return String.format(Locale.ROOT, "read %,d rows: %,d stored, %,d duplicates, %,d rejected (%s) in %s%s",
                summary.rowsRead(), summary.stored(), summary.duplicates(), summary.rejected(), summary.rejectsFile(),
                DurationText.of(summary.elapsed()), rate);
    }

    private static void printWindows(String title, List<WindowCount> windows, PrintWriter out) {
        out.printf("policy %s: %,d%n", title, windows.stream().mapToLong(WindowCount::records).sum());
        windows.forEach(w -> out.printf("  %-22s %,12d%n", TimeText.format(w.windowStart()), w.records()));
    }
}
