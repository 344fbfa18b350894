package network.mmc.jobs.nodes;

/** Published when a node has registered (after the registration commits, to transactional listeners). */
public record NodeRegistered(String nodeId, NodeKind kind) {
}
