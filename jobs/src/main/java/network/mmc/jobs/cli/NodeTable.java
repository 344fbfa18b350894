package network.mmc.jobs.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import network.mmc.jobs.nodes.Node;
import network.mmc.settlement.MmcText;

/** The node table shown by {@code nodes list} and the demo. */
final class NodeTable {

    private NodeTable() {
    }

    /** Online means a status within {@code onlineWindow} of {@code now} ({@code mmc.nodes.online-window}). */
    static void print(List<Node> nodes, Instant now, Duration onlineWindow, int limit, PrintStream out) {
        out.printf("%-44s %-9s %-44s %22s %-6s%n", "NODE", "KIND", "OWNER WALLET", "STAKE (MMC)", "ONLINE");
        nodes.stream().limit(limit).forEach(n -> out.printf("%-44s %-9s %-44s %22s %-6s%n", n.getNodeId(), n.getKind(),
                n.getOwnerWallet() == null ? "-" : n.getOwnerWallet(), MmcText.format(n.getStake()),
                n.isOnline(now, onlineWindow) ? "yes" : "no"));
        if (nodes.size() > limit) {
            out.printf("… and %d more nodes%n", nodes.size() - limit);
        }
    }
}
