package network.mmc.jobs.cli;

import java.util.concurrent.Callable;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stake", mixinStandardHelpOptions = true, description = "Node stake (OPS).",
        subcommands = StakeCommand.Set.class)
class StakeCommand {

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set a node's stake, in MMC (or --base-units), with an audit entry.")
    static class Set implements Callable<Integer> {

        private final HubRuntime runtime;

        @Parameters(index = "0", paramLabel = "NODE")
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
                    Mmc.format(node.getStake()));
            return 0;
        }
    }
}
