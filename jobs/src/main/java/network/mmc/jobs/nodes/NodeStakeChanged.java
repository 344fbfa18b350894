package network.mmc.jobs.nodes;

/** Published when a node's stake changed (after the change commits, to transactional listeners). */
public record NodeStakeChanged(String nodeId, NodeKind kind, long stake) {
}
