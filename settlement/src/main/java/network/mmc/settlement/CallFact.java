package network.mmc.settlement;

import java.util.Objects;

/** The part of a call record that settlement reads. {@code callerWallet} may be null. */
public record CallFact(String nodeId, CallerType callerType, String callerWallet, CallStatus status, long credits) {

    public CallFact {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(callerType, "callerType");
        Objects.requireNonNull(status, "status");
        if (credits < 0) {
            throw new IllegalArgumentException("credits must be >= 0, got " + credits);
        }
    }

    /** Self-dealing: a node's owner paying the node for its own work earns nothing. */
    boolean isSelfDealtFor(String ownerWallet) {
        return callerType == CallerType.API_USER && ownerWallet != null && ownerWallet.equals(callerWallet);
    }
}
