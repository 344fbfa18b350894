package network.mmc.jobs.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.nodes.NodeSettings;
import network.mmc.settlement.TimeText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "nodes", mixinStandardHelpOptions = true, description = "Registered nodes.",
        subcommands = {NodesCommand.ListNodes.class, NodesCommand.Approve.class})
class NodesCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered nodes.")
    static class ListNodes implements Callable<Integer> {

        private final HubRuntime runtime;

        ListNodes(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            NodeTable.print(runtime.bean(NodeRegistry.class).all(), runtime.bean(Clock.class).instant(),
                    runtime.bean(NodeSettings.class).onlineWindow(), Integer.MAX_VALUE, System.out);
            return 0;
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve a VALIDATOR or ROUTER node (OPS): only then does a validator get its probe trigger"
                    + " and round credits.")
    static class Approve implements Callable<Integer> {

        private final HubRuntime runtime;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NODE", converter = CheckedArguments.NodeId.class)
        String nodeId;

        @Option(names = "--operator", required = true, description = "Who approves (kept with the approval).")
        String operator;

        @Option(names = "--reason", required = true, description = "Why (kept with the approval).")
        String reason;

        Approve(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            Node node = runtime.bean(NodeRegistry.class).approve(nodeId, operator, reason);
            spec.commandLine().getOut().printf("node %s (%s) approved by %s at %s%n", node.getNodeId(), node.getKind(),
                    node.getApprovedBy(), TimeText.format(node.getApprovedAt()));
            return 0;
        }
    }
}
