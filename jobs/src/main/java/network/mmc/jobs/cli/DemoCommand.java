package network.mmc.jobs.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import network.mmc.jobs.calls.CallTotals;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.probes.ProbeRoundReport;
import network.mmc.jobs.probes.ProbeService;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.simulation.LoopbackAgents.Behaviour;
import network.mmc.jobs.simulation.Simulator;
import org.springframework.core.env.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start the embedded database, simulate a network and show the whole flow so far.")
class DemoCommand implements Callable<Integer> {

    private final HubRuntime runtime;

    @Option(names = "--nodes", defaultValue = "200")
    int nodes;

    @Option(names = "--hours", defaultValue = "24")
    int hours;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    DemoCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        out.println("== 1. Simulated network: " + nodes + " nodes, " + hours + " h of traffic, seed " + seed);
        Simulator.Summary summary = runtime.bean(Simulator.class).simulate(nodes, hours, seed, 6);
        out.printf("stored %,d call records from %s to %s%n%n", summary.callRecords(), summary.from(), summary.to());

        out.println("== 2. Nodes (first 10)");
        NodeTable.print(runtime.bean(NodeRegistry.class).all(), 10, out);

        out.println();
        out.println("== 3. Call totals per 2-hour window");
        out.printf("%-22s %10s %10s %16s%n", "WINDOW (UTC)", "CALLS", "OK", "CREDITS (OK)");
        runtime.bean(CallTotals.class).perWindow(7200).forEach(w ->
                out.printf("%-22s %,10d %,10d %,16d%n", w.windowStart(), w.calls(), w.ok(), w.successCredits()));

        out.println();
        out.println("== 4. Settlement of every due window (settlementJob, partitioned)");
        List<SettlementRun> settled = runtime.bean(SettlementService.class).settleDue();
        SettlementRuns runs = runtime.bean(SettlementRuns.class);
        List<SettlementRun> shown = settled.isEmpty()
                ? runs.list(summary.from(), summary.to()) : settled;
        RunsCommand.printRuns(shown, out);
        if (!shown.isEmpty()) {
            SettlementRun last = shown.get(shown.size() - 1);
            List<NodeSettlementLine> nodes = runs.nodes(last.id());
            out.printf("%n== 5. Window %s: top 10 nodes by reward (cap %s)%n", last.windowStart(),
                    last.cap() == null ? "none" : String.format("%,.1f credits", last.cap()));
            SettlementTable.print(RunsCommand.lines(nodes.stream()
                    .sorted(Comparator.comparingLong(NodeSettlementLine::reward).reversed()).toList()), 10, out);
            out.println();
            out.println("Self-dealing (calls paid by the node's own owner earn nothing):");
            nodes.stream().filter(n -> n.selfDealt() > 0).forEach(n -> out.printf(
                    "  %s credits %,d, self-dealt %,d%n", n.nodeId(), n.credits(), n.selfDealt()));
            out.println("Capped by median + 10 x 1.4826 x MAD (the wash-trading cluster):");
            nodes.stream().filter(n -> n.usage() < n.credits()).forEach(n -> out.printf(
                    "  %s credits %,d counted as %,.1f, reward %s MMC%n", n.nodeId(), n.credits(), n.usage(),
                    Mmc.format(n.reward())));
        }
        probeRound(out);
        return 0;
    }

    private void probeRound(PrintStream out) {
        out.println();
        out.println("== 6. Validator probe round (probeJob) over real node agents on loopback, CPU executor");
        String hubId = runtime.bean(Environment.class).getRequiredProperty("mmc.hub-id");
        try (LoopbackAgents agents = new LoopbackAgents(runtime.bean(NodeRegistry.class), hubId,
                runtime.bean(Clock.class))) {
            for (Behaviour behaviour : new Behaviour[] {Behaviour.HONEST, Behaviour.HONEST, Behaviour.WRONG_RESULT,
                    Behaviour.NO_ANSWER, Behaviour.DOWN}) {
                LoopbackAgents.Agent agent = agents.start(behaviour);
                out.printf("  agent %s  %-12s %s%n", agent.nodeId(), behaviour, agent.endpoint());
            }
            ProbeRoundReport report = runtime.bean(ProbeService.class).probeNow(null, Duration.ofSeconds(5));
            Set<String> agentIds = agents.agents().stream().map(LoopbackAgents.Agent::nodeId).collect(Collectors.toSet());
            out.println("(the simulated nodes have no task server behind their endpoints: they count as FAILED)");
            ProbeCommand.print(new ProbeRoundReport(report.roundId(), report.validatorId(), report.results().stream()
                    .filter(r -> agentIds.contains(r.nodeId())).toList()), 10, out);
            out.println("all nodes probed in this round: " + report.countsByStatus());
        }
    }
}
