package network.mmc.jobs.dapp;

import java.util.List;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.probes.ProbeResultLine;

/** A node as an owner's page shows it: the node, whether it counts as online now, and its latest probe results. */
public record NodeCard(Node node, boolean online, List<ProbeResultLine> probes) {
}
