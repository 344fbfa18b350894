package network.mmc.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.nodes.StakeChange;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.TimeText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stake", mixinStandardHelpOptions = true, description = "Node stake (OPS).",
        subcommands = {StakeCommand.Set.class, StakeCommand.History.class})
class StakeCommand {

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set a node's stake, in MMC (or --base-units), with an audit entry.")
    static class Set implements Callable<Integer> {

        private final HubRuntime runtime;

        @Parameters(index = "0", paramLabel = "NODE", converter = CheckedArguments.NodeId.class)
        String nodeId;

        @Parameters(index = "1", paramLabel = "AMOUNT", description = "The stake in MMC, e.g. 20000 or 20000.5.")
        String stake;

        @Mixin
        BaseUnitsOption units;

        @Spec
        CommandSpec spec;

        @Option(names = "--operator", required = true)
        String operator;

        @Option(names = "--reason", required = true)
        String reason;

        Set(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            long baseUnits = units.parse("AMOUNT", stake);
            Node node = runtime.bean(NodeRegistry.class).setStake(nodeId, baseUnits, operator, reason);
            spec.commandLine().getOut().printf("node %s stake is now %s MMC%n", node.getNodeId(),
                    MmcText.format(node.getStake()));
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "A node's stake audit trail, oldest first: when, from what, to what, by whom and why.")
    static class History implements Callable<Integer> {

        private final HubRuntime runtime;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NODE")
        String nodeId;

        History(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            NodeRegistry registry = runtime.bean(NodeRegistry.class);
            List<StakeChange> changes = registry.stakeHistory(nodeId);
            PrintWriter out = spec.commandLine().getOut();
            if (changes.isEmpty()) {
                out.printf("node %s: no stake change recorded; its stake is %s MMC%n", nodeId,
                        MmcText.format(registry.find(nodeId).getStake()));
                return 0;
            }
            out.printf("%-20s %22s %22s %-20s %s%n", "CHANGED (UTC)", "FROM (MMC)", "TO (MMC)", "BY", "REASON");
            changes.forEach(c -> out.printf("%-20s %22s %22s %-20s %s%n",
                    TimeText.format(c.getChangedAt()), MmcText.format(c.getPreviousStake()),
                    MmcText.format(c.getNewStake()), c.getChangedBy(), c.getReason()));
            return 0;
        }
    }
}
