package network.mmc.jobs.cli;

import java.util.concurrent.Callable;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stake", mixinStandardHelpOptions = true, description = "Node stake (OPS).",
        subcommands = StakeCommand.Set.class)
class StakeCommand {

    @Command(name = "set", mixinStandardHelpOptions = true, description = "Set a node's stake in base units, with an audit entry.")
    static class Set implements Callable<Integer> {

        private final HubRuntime runtime;

        @Parameters(index = "0", paramLabel = "NODE", converter = CheckedArguments.NodeId.class)
        String nodeId;

        @Parameters(index = "1", paramLabel = "BASE_UNITS")
        long stake;

        @Option(names = "--operator", required = true)
        String operator;

        @Option(names = "--reason", required = true)
        String reason;

        Set(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            Node node = runtime.bean(NodeRegistry.class).setStake(nodeId, stake, operator, reason);
            System.out.printf("node %s stake is now %d base units%n", node.getNodeId(), node.getStake());
            return 0;
        }
    }
}
