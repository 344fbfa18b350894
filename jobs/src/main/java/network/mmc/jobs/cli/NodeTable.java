package network.mmc.jobs.cli;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import network.mmc.jobs.nodes.Node;

/** The node table shown by {@code nodes list} and the demo. */
final class NodeTable {

    private NodeTable() {
    }

    static void print(List<Node> nodes, int limit, PrintStream out) {
        out.printf("%-44s %-9s %-44s %22s %-6s%n", "NODE", "KIND", "OWNER WALLET", "STAKE (MMC)", "ONLINE");
        nodes.stream().limit(limit).forEach(n -> out.printf("%-44s %-9s %-44s %22s %-6s%n", n.getNodeId(), n.getKind(),
                n.getOwnerWallet() == null ? "-" : n.getOwnerWallet(), Mmc.format(n.getStake()),
                n.isOnline(Clock.systemUTC().instant(), Duration.ofMinutes(30)) ? "yes" : "no"));
        if (nodes.size() > limit) {
            out.printf("… and %d more nodes%n", nodes.size() - limit);
        }
    }
}
