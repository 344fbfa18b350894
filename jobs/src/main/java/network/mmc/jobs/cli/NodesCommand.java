package network.mmc.jobs.cli;

import java.util.concurrent.Callable;
import network.mmc.jobs.nodes.NodeRegistry;
import picocli.CommandLine.Command;

@Command(name = "nodes", mixinStandardHelpOptions = true, description = "Registered nodes.",
        subcommands = NodesCommand.ListNodes.class)
class NodesCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered nodes.")
    static class ListNodes implements Callable<Integer> {

        private final HubRuntime runtime;

        ListNodes(HubRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public Integer call() {
            NodeTable.print(runtime.bean(NodeRegistry.class).all(), Integer.MAX_VALUE, System.out);
            return 0;
        }
    }
}
