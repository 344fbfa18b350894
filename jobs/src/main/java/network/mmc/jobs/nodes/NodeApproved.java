package network.mmc.jobs.nodes;

/** Published when OPS approved a VALIDATOR or ROUTER node (after the approval commits, to transactional listeners). */
public record NodeApproved(String nodeId, NodeKind kind) {
}
