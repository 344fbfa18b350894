package network.mmc.jobs.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import network.mmc.jobs.reports.RunReportDocuments;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementExport;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.TimeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "runs", mixinStandardHelpOptions = true, description = "Settlement runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Show.class, RunsCommand.Export.class,
                RunsCommand.Report.class})
class RunsCommand {

    static void printRuns(List<SettlementRun> runs, PrintStream out) {
        PrintWriter writer = new PrintWriter(out);
        printRuns(runs, writer);
        writer.flush();
    }

    static void printRuns(List<SettlementRun> runs, PrintWriter out) {
        if (runs.isEmpty()) {
            return;
        }
        out.printf("%-22s %4s %10s %22s %22s %6s %9s %9s %-18s %s%n", "WINDOW (UTC)", "REV", "STATUS", "POOL (MMC)",
                "ALLOCATED (MMC)", "NODES", "CALLS", "LATE", "INPUT SHA-256", "REASON");
        // LATE: calls this window received that were made in another one; "-" on runs from before it was counted
        runs.forEach(r -> out.printf("%-22s %4d %10s %22s %22s %6d %,9d %9s %-18s %s%n", TimeText.format(r.windowStart()),
                r.revision(),
                r.status(), MmcText.format(r.pool()), MmcText.format(r.allocated()), r.nodeCount(), r.callCount(),
                r.lateCallCount() == null ? "-" : String.format("%,d", r.lateCallCount()),
                r.inputSha256().substring(0, 16) + "…", r.reason() == null ? "" : r.reason() + " (" + r.operator() + ")"));
    }

    static List<SettlementTable.Line> lines(List<NodeSettlementLine> nodes) {
        return nodes.stream().map(n -> new SettlementTable.Line(n.nodeId(), n.ownerWallet(), n.eligible(), n.calls(),
                n.ok(), n.credits(), n.selfDealt(), n.quality(), n.usage(), n.raw(), n.weight(), n.reward())).toList();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List runs (every revision).")
    static class ListRuns implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Option(names = "--from", paramLabel = "TIME", description = "First window start, e.g. 2026-11-25T10:00Z (default: 7 days ago).")
        Instant from;

        @Option(names = "--to", paramLabel = "TIME", description = "End, exclusive (default: now).")
        Instant to;

        ListRuns(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            Instant end = to == null ? Instant.now() : to;
            Instant start = from == null ? end.minusSeconds(7 * 24 * 3600) : from;
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("--from " + start + " must be before --to " + end);
            }
            List<SettlementRun> runs = runtime.bean(SettlementRuns.class).list(start, end);
            PrintWriter out = spec.commandLine().getOut();
            if (runs.isEmpty()) {
                out.printf("no settlement run has a window starting from %s to %s (exclusive)%s%n", TimeText.format(start),
                        TimeText.format(end),
                        from == null ? "; --from and --to choose another range" : "");
            }
            printRuns(runs, out);
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one run with its node table.")
    static class Show implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Mixin
        RunSelection run;

        Show(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            SettlementRuns runs = runtime.bean(SettlementRuns.class);
            SettlementRun shown = runs.get(run.window(runtime), run.revision);
            PrintWriter out = spec.commandLine().getOut();
            printRuns(List.of(shown), out);
            out.println("input_sha256 " + shown.inputSha256());
            out.println(shown.parameters() == null ? "terms not recorded (a run stored before runs kept them)"
                    : "terms " + shown.parameters().entrySet().stream().map(t -> t.getKey() + "=" + t.getValue())
                    .collect(Collectors.joining(" ")));
            SettlementTable.print(lines(runs.nodes(shown.id())), Integer.MAX_VALUE, out);
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write nodes.csv, calls.csv and result.json of a stored run, for `audit`.")
    static class Export implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Mixin
        RunSelection run;

        @Option(names = "--dir", defaultValue = ".", description = "Output folder (default: ${DEFAULT-VALUE}).")
        Path dir;

        Export(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            SettlementExport.Files files = runtime.bean(SettlementExport.class)
                    .export(run.window(runtime), run.revision, dir);
            spec.commandLine().getOut().printf("wrote %s, %s and %s%n", files.nodes(), files.calls(), files.result());
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Write a run's finance report: HTML (charts embedded), CSVs and the charts as PNG and SVG.")
    static class Report implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Mixin
        RunSelection run;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created when missing).")
        Path out;

        Report(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            List<Path> files = runtime.bean(RunReportDocuments.class)
                    .write(run.window(runtime), run.revision, out);
            files.forEach(file -> spec.commandLine().getOut().println("wrote " + file));
            return 0;
        }
    }
}
