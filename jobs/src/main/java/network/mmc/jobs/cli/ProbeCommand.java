package network.mmc.jobs.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import network.mmc.jobs.probes.ProbeResultLine;
import network.mmc.jobs.probes.ProbeRoundReport;
import network.mmc.jobs.probes.ProbeService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Run a validator probe round now: a fresh matmul challenge to every online computing node.")
class ProbeCommand implements Callable<Integer> {

    private final HubRuntime runtime;

    @Option(names = "--now", required = true, description = "Run the round now (the scheduler runs them otherwise).")
    boolean now;

    @Option(names = "--validator", paramLabel = "NODE_ID", converter = CheckedArguments.NodeId.class, description = "Validator identity (default: the first registered).")
    String validator;

    @Option(names = "--timeout", description = "Per-node timeout, e.g. PT10S (default mmc.probe.timeout).")
    Duration timeout;

    ProbeCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() {
        print(runtime.bean(ProbeService.class).probeNow(validator, timeout), Integer.MAX_VALUE, System.out);
        return 0;
    }

    static void print(ProbeRoundReport report, int limit, PrintStream out) {
        out.printf("round %s by validator %s: %d nodes %s%n", report.roundId(), report.validatorId(),
                report.results().size(), report.countsByStatus());
        out.printf("%-44s %-12s %10s %10s  %s%n", "NODE", "STATUS", "LATENCY ms", "GFLOPS", "DETAIL");
        report.results().stream().limit(limit).forEach(r -> out.printf("%-44s %-12s %,10d %10s  %s%n", r.nodeId(),
                r.status(), r.latencyMillis(), gflops(r), r.detail() == null ? "" : r.detail()));
    }

    private static String gflops(ProbeResultLine result) {
        return result.gflops() == null ? "-" : String.format("%.2f", result.gflops());
    }
}
