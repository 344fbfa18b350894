package network.mmc.probe;

/** A node to probe and the base URL of its task server. */
public record ProbeTarget(String nodeId, String endpoint) {
}
