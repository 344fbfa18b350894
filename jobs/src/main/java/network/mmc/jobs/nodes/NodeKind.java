package network.mmc.jobs.nodes;

public enum NodeKind {
    COMPUTING,
    VALIDATOR,
    ROUTER
}
