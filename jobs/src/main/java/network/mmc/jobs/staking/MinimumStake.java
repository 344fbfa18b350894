package network.mmc.jobs.staking;

import network.mmc.jobs.nodes.NodeKind;
import org.springframework.stereotype.Component;

/**
 * The stake a node needs to act for the Hub: VALIDATOR and ROUTER nodes {@code mmc.staking.min-stake}, COMPUTING
 * nodes none. Below it a node stays registered but is not active: a validator gets no probe trigger and its rounds
 * are refused, until stake arrives.
 */
@Component
public class MinimumStake {

    private final long minStake;

    MinimumStake(StakingSettings settings) {
        this.minStake = settings.minStake();
    }

    public long of(NodeKind kind) {
        return kind == NodeKind.COMPUTING ? 0 : minStake;
    }

    public boolean isMet(NodeKind kind, long stake) {
        return stake >= of(kind);
    }

    /** Null when the node's stake is enough, else why it is not active. */
    public String refusal(String nodeId, NodeKind kind, long stake) {
        if (isMet(kind, stake)) {
            return null;
        }
        return "node " + nodeId + " is a " + kind + " with a stake of " + stake + " base units, below the minimum "
                + of(kind) + " (mmc.staking.min-stake): it is not active until its owner stakes the rest"
                + " (POST /api/staking/nodes/" + nodeId + "/stake-transactions)";
    }
}
