package network.mmc.node;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.mmc.gpu.MatmulExecutor;
import network.mmc.gpu.training.ShardGradients;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** {@code mmc-node}: the reference computing node, with the seed's commands. */
@Command(name = "mmc-node", mixinStandardHelpOptions = true, version = NodeAgentCommand.VERSION,
        scope = CommandLine.ScopeType.INHERIT,
        description = "MMC computing node agent: serves matmul challenges and reports status to the Hub.",
        subcommands = {NodeAgentCommand.Id.class, NodeAgentCommand.Version.class, NodeAgentCommand.Register.class,
                NodeAgentCommand.Status.class, NodeAgentCommand.Serve.class})
public final class NodeAgentCommand implements Runnable {

    static final String VERSION = "mmc-node 0.1.0";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@code mmc-node} runs it: a failure prints one line and exits 1. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new NodeAgentCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("mmc-node: " + e.getMessage());
            return 1;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static class Common {
        @Option(names = "--data-dir", defaultValue = "${MMC_NODE_DATA:-node-data}",
                description = "Where the node key lives (default ${DEFAULT-VALUE}); back it up to keep the node id.")
        Path dataDir;

        @Option(names = "--hub", defaultValue = "${MMC_HUB_URL:-http://127.0.0.1:8080}", description = "Hub URL (default ${DEFAULT-VALUE}).")
        URI hub;

        @Option(names = "--hub-id", defaultValue = "mmc-hub-local", description = "The Hub's id (mmc.hub-id), part of every signed message.")
        String hubId;

        NodeIdentity identity() {
            return NodeIdentity.loadOrCreate(dataDir);
        }

        HubConnection connection() {
            return new HubConnection(hub, hubId, identity(), Clock.systemUTC());
        }
    }

    @Command(name = "id", description = "Print the node id (the public key in the data dir, created on first use).")
    static class Id implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Common common;

        @Override
        public void run() {
            spec.commandLine().getOut().println(common.identity().nodeId());
        }
    }

    @Command(name = "version", description = "Print the agent version.")
    static class Version implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().getOut().println(VERSION);
        }
    }

    @Command(name = "register", description = "Register this node with the Hub, report status, and bind the owner wallet.")
    static class Register implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Common common;

        @Option(names = "--node", defaultValue = "computing", description = "Node kind: computing, validator or router.")
        String kind;

        @Option(names = "--owner", description = "Owner Solana wallet (base58) that receives the rewards.")
        String owner;

        @Option(names = "--endpoint", required = true, description = "URL where the Hub reaches this node's task server.")
        String endpoint;

        @Override
        public void run() {
            HubConnection hub = common.connection();
            JsonNode node = hub.register(kind.toUpperCase(Locale.ROOT), endpoint);
            try (MatmulExecutor executor = MatmulExecutor.bestAvailable(0, reason -> { })) {
                hub.reportStatus(NodeHardware.of(executor), VERSION);
            }
            if (owner != null) {
                node = hub.bindWallet(owner);
            }
            spec.commandLine().getOut().println("registered " + node.get("nodeId").asString() + " (" + node.get("kind").asString()
                    + "), owner " + node.path("ownerWallet").asString("none"));
        }
    }

    @Command(name = "status", description = "Print this node's status as the Hub sees it, and the local executor.")
    static class Status implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Common common;

        @Override
        public void run() {
            JsonNode node = common.connection().node();
            spec.commandLine().getOut().println("node      " + node.get("nodeId").asString());
            spec.commandLine().getOut().println("kind      " + node.get("kind").asString());
            spec.commandLine().getOut().println("owner     " + node.path("ownerWallet").asString("none"));
            spec.commandLine().getOut().println("last seen " + node.path("lastStatusAt").asString("never"));
            spec.commandLine().getOut().println("endpoint  " + node.path("endpointUrl").asString(""));
            try (MatmulExecutor executor = MatmulExecutor.bestAvailable(0, reason -> spec.commandLine().getOut().println("gpu       none: " + reason))) {
                spec.commandLine().getOut().println("executor  " + executor.description());
            }
        }
    }

    @Command(name = "serve", description = "Serve matmul challenges and send signed heartbeats until stopped.")
    static class Serve implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        Common common;

        @Option(names = "--host", defaultValue = "0.0.0.0", description = "Listen address (default ${DEFAULT-VALUE}).")
        String host;

        @Option(names = "--port", defaultValue = "7070", description = "Listen port (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--heartbeat", defaultValue = "PT5M", description = "Heartbeat period (default ${DEFAULT-VALUE}).")
        Duration heartbeat;

        @Option(names = "--device", defaultValue = "0", description = "CUDA device to use (default ${DEFAULT-VALUE}).")
        int device;

        @Option(names = "--drill", description = "Misbehave on purpose to test the validators: ${COMPLETION-CANDIDATES}.")
        DrillExecutor.Drill drill;

        @Override
        public void run() {
            NodeIdentity identity = common.identity();
            HubConnection hub = common.connection();
            MatmulExecutor best = MatmulExecutor.bestAvailable(device, reason -> spec.commandLine().getOut().println("no GPU (" + reason + "): using the CPU"));
            MatmulExecutor executor = drill == null ? best : DrillExecutor.of(best, drill);
            ShardGradients bestGradients = ShardGradients.bestAvailable(device, reason -> { });
            ShardGradients gradients = drill == null ? bestGradients : new DrillGradients(bestGradients, drill);
            NodeHardware hardware = NodeHardware.of(best);
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
            try (MatmulTaskServer server = MatmulTaskServer.start(host, port, executor, gradients, identity.nodeId())) {
                spec.commandLine().getOut().println("node " + identity.nodeId() + " serving on port " + server.port() + " with "
                        + executor.description() + " (training on " + gradients.description() + "), heartbeat every "
                        + heartbeat);
                heartbeats.scheduleAtFixedRate(() -> {
                    try {
                        hub.reportStatus(hardware, VERSION);
                    } catch (RuntimeException e) {
                        spec.commandLine().getErr().println("heartbeat failed: " + e.getMessage());
                    }
                }, 0, heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                heartbeats.shutdownNow();
                executor.close();
                gradients.close();
            }
        }
    }
}
