package network.mmc.jobs.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mmc.gpu.CpuMatmulExecutor;
import network.mmc.gpu.MatmulExecutor;
import network.mmc.gpu.training.CpuShardGradients;
import network.mmc.gpu.training.ShardGradients;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.node.DrillExecutor;
import network.mmc.node.DrillGradients;
import network.mmc.node.MatmulTaskServer;
import network.mmc.node.NodeIdentity;
import network.mmc.node.NodeMessages;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.utils.TweetNaclFast;

/**
 * Real node agents (the {@code mmc-node} task server on the CPU executor) on loopback, registered and
 * reporting status through the registry with signed requests: honest ones, drills (wrong result, no
 * answer), and "down" nodes whose registered port has nothing listening.
 */
public final class LoopbackAgents implements AutoCloseable {

    /** How an agent behaves. */
    public enum Behaviour { HONEST, WRONG_RESULT, NO_ANSWER, DOWN }

    /** An agent's node id, behaviour and registered endpoint. */
    public record Agent(String nodeId, Behaviour behaviour, String endpoint) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final NodeRegistry registry;
    private final String hubId;
    private final Clock clock;
    private final CpuMatmulExecutor cpu = new CpuMatmulExecutor(2);
    private final Map<String, MatmulTaskServer> servers = new HashMap<>();
    private final List<Agent> agents = new ArrayList<>();

    public LoopbackAgents(NodeRegistry registry, String hubId, Clock clock) {
        this.registry = registry;
        this.hubId = hubId;
        this.clock = clock;
    }

    /** Starts and registers an agent with a new key, with a status report so that it is online. */
    public Agent start(Behaviour behaviour) {
        byte[] keySeed = new byte[32];
        RANDOM.nextBytes(keySeed);
        return start(behaviour, keySeed);
    }

    /**
     * Starts agent {@code index} of the simulated network of {@code networkSeed}, with a status report so that it is
     * online. The first time it is registered; later it keeps its node id and listens on the endpoint it was
     * registered with.
     */
    public Agent start(Behaviour behaviour, long networkSeed, int index) {
        return start(behaviour, SimulatedNetwork.derive(networkSeed, agentName(index)));
    }

    /** The node id of agent {@code index} of the simulated network of {@code networkSeed}. */
    public static String nodeId(long networkSeed, int index) {
        return SimulatedNetwork.wallet(networkSeed, agentName(index));
    }

    private static String agentName(int index) {
        return "loopback-agent-" + index;
    }

    private Agent start(Behaviour behaviour, byte[] keySeed) {
        NodeIdentity identity = new NodeIdentity(new Account(TweetNaclFast.Signature.keyPair_fromSeed(keySeed).getSecretKey()));
        Optional<String> registered = registry.registered(identity.nodeId()).map(Node::getEndpointUrl);
        // a "down" agent's port has nothing listening: one just released by the OS
        int port = registered.map(url -> URI.create(url).getPort()).orElse(behaviour == Behaviour.DOWN ? unusedPort() : 0);
        String endpoint = behaviour == Behaviour.DOWN ? "http://127.0.0.1:" + port
                : serve(behaviour, port, identity.nodeId());
        Instant now = clock.instant();
        if (registered.isEmpty()) {
            String kind = NodeKind.COMPUTING.name();
            registry.register(identity.nodeId(), NodeKind.COMPUTING, endpoint, now,
                    identity.sign(NodeMessages.register(hubId, identity.nodeId(), kind, endpoint, now)));
        }
        registry.reportStatus(identity.nodeId(), null, null, "loopback", now,
                identity.sign(NodeMessages.status(hubId, identity.nodeId(), null, null, "loopback", now)));
        Agent agent = new Agent(identity.nodeId(), behaviour, registered.orElse(endpoint));
        agents.add(agent);
        return agent;
    }

    /** The task server of an agent that answers (rightly or not), on {@code port} (0: any); its endpoint. */
    private String serve(Behaviour behaviour, int port, String nodeId) {
        MatmulExecutor executor = switch (behaviour) {
            case WRONG_RESULT -> DrillExecutor.of(cpu, DrillExecutor.Drill.WRONG_RESULT);
            case NO_ANSWER -> DrillExecutor.of(cpu, DrillExecutor.Drill.NO_ANSWER);
            default -> cpu;
        };
        ShardGradients gradients = switch (behaviour) {
            case WRONG_RESULT -> new DrillGradients(new CpuShardGradients(), DrillExecutor.Drill.WRONG_RESULT);
            case NO_ANSWER -> new DrillGradients(new CpuShardGradients(), DrillExecutor.Drill.NO_ANSWER);
            default -> new CpuShardGradients();
        };
        MatmulTaskServer server = MatmulTaskServer.start("127.0.0.1", port, executor, gradients, nodeId);
        servers.put(nodeId, server);
        return server.endpoint();
    }

    /**
     * Stops an agent's task server and starts a new one on the same port, behaving as before, as a node's process
     * restarts: it keeps nothing it was sent before (products' B, training parameters).
     */
    public void restart(String nodeId) {
        Agent agent = agents.stream().filter(a -> a.nodeId().equals(nodeId)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("no agent " + nodeId));
        if (agent.behaviour() == Behaviour.DOWN) {
            throw new IllegalArgumentException("agent " + nodeId + " is down: it has no task server to restart");
        }
        servers.remove(nodeId).close();
        serve(agent.behaviour(), URI.create(agent.endpoint()).getPort(), nodeId);
    }

    public List<Agent> agents() {
        return List.copyOf(agents);
    }

    /** A loopback port with nothing listening on it (just released by the OS). */
    public static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        servers.values().forEach(MatmulTaskServer::close);
        cpu.close();
    }
}
