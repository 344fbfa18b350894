package network.mmc.jobs.cli;

import java.time.Clock;
import java.util.concurrent.Callable;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.nodes.NodeSettings;
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
            NodeTable.print(runtime.bean(NodeRegistry.class).all(), runtime.bean(Clock.class).instant(),
                    runtime.bean(NodeSettings.class).onlineWindow(), Integer.MAX_VALUE, System.out);
            return 0;
        }
    }
}
