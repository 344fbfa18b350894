package network.mmc.jobs.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import network.mmc.jobs.simulation.Simulator;
import network.mmc.settlement.TimeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Fill the database with deterministic simulated nodes and traffic (or write it to a CSV).")
class SimulateCommand implements Callable<Integer> {

    private final HubRuntime runtime;

    @Option(names = "--nodes", defaultValue = "200", description = "Number of nodes (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--hours", defaultValue = "24", description = "Hours of traffic before the current window (default ${DEFAULT-VALUE}).")
    int hours;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed; same seed, same data (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--calls-per-node-hour", defaultValue = "6", description = "Mean API calls per node and hour (default ${DEFAULT-VALUE}).")
    int callsPerNodeHour;

    @Option(names = "--csv", description = "Write the call records to this import-calls CSV instead of storing them.")
    Path csv;

    SimulateCommand(HubRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Integer call() {
        checkNetwork(nodes, hours, callsPerNodeHour);
        Simulator simulator = runtime.bean(Simulator.class);
        Simulator.Summary summary = csv == null
                ? simulator.simulate(nodes, hours, seed, callsPerNodeHour)
                : simulator.simulateToCsv(nodes, hours, seed, callsPerNodeHour, csv);
        System.out.printf("simulated %d nodes (%d new) and %,d call records from %s to %s%s%n", summary.nodes(),
                summary.newNodes(), summary.callRecords(), TimeText.format(summary.from()), TimeText.format(summary.to()),
                csv == null ? String.format(": %,d stored, %,d already stored", summary.storedCalls(),
                        summary.callRecords() - summary.storedCalls()) : " into " + csv);
        return 0;
    }

    /** Checked before the database starts (the demo's network too). */
    static void checkNetwork(int nodes, int hours, int callsPerNodeHour) {
        if (nodes < 6 || hours < 1 || callsPerNodeHour < 0) {
            throw new IllegalArgumentException("--nodes must be >= 6, --hours >= 1 and --calls-per-node-hour >= 0");
        }
    }
}
