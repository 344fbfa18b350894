package network.mmc.settlement;

import java.util.Objects;

/**
 * What settlement needs to know of a node at window end: its owner wallet (null when none is bound),
 * its stake in base units, and whether it is eligible (registered, wallet bound, not suspended).
 */
public record NodeProfile(String nodeId, String ownerWallet, long stake, boolean eligible) {

    public NodeProfile {
        Objects.requireNonNull(nodeId, "nodeId");
        if (stake < 0) {
            throw new IllegalArgumentException("stake of " + nodeId + " must be >= 0, got " + stake);
        }
        if (eligible && ownerWallet == null) {
            throw new IllegalArgumentException("node " + nodeId + " cannot be eligible without an owner wallet");
        }
    }

    /** A node that called in the window but is not registered: it is paid nothing. */
    public static NodeProfile unknown(String nodeId) {
        return new NodeProfile(nodeId, null, 0, false);
    }
}
