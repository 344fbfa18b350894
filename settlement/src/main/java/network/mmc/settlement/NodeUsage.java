package network.mmc.settlement;

import java.util.Objects;

/**
 * Per-node aggregate of one window's call records (SETTLEMENT.md §2).
 * Aggregates of disjoint record sets combine with {@link #plus}, so any partitioning gives the same totals.
 * Every sum is checked: one that does not fit a long throws {@link ArithmeticException}, it never wraps.
 */
public record NodeUsage(String nodeId, long calls, long ok, long credits, long selfDealt) {

    public NodeUsage {
        Objects.requireNonNull(nodeId, "nodeId");
    }

    public static NodeUsage empty(String nodeId) {
        return new NodeUsage(nodeId, 0, 0, 0, 0);
    }

    /** Adds one record, given the node's owner wallet (null when none is bound). */
    public NodeUsage add(CallFact call, String ownerWallet) {
        if (!call.nodeId().equals(nodeId)) {
            throw new IllegalArgumentException("record of " + call.nodeId() + " added to " + nodeId);
        }
        boolean success = call.status() == CallStatus.SUCCESS;
        long earned = success && !call.isSelfDealtFor(ownerWallet) ? call.credits() : 0;
        long selfDealtNow = success && call.isSelfDealtFor(ownerWallet) ? call.credits() : 0;
        return new NodeUsage(nodeId, Math.addExact(calls, 1), Math.addExact(ok, success ? 1 : 0),
                Math.addExact(credits, earned), Math.addExact(selfDealt, selfDealtNow));
    }

    public NodeUsage plus(NodeUsage other) {
        if (!other.nodeId.equals(nodeId)) {
            throw new IllegalArgumentException("cannot combine " + nodeId + " with " + other.nodeId);
        }
        return new NodeUsage(nodeId, Math.addExact(calls, other.calls), Math.addExact(ok, other.ok),
                Math.addExact(credits, other.credits), Math.addExact(selfDealt, other.selfDealt));
    }

    /** The line this node contributes to the window's input digest. */
    String digestLine() {
        return nodeId + "," + calls + "," + ok + "," + credits + "," + selfDealt;
    }
}
