package network.mmc.jobs.settlement;

import java.math.BigDecimal;
import network.mmc.settlement.NodeSettlement;

/** One node's stored line of a settlement run. */
public record NodeSettlementLine(String nodeId, String ownerWallet, long calls, long ok, long credits, long selfDealt,
                                 double quality, double usage, long stake, double stakeFactor, boolean eligible,
                                 double raw, BigDecimal weight, long reward) {

    /** The line as the settlement computed it, for the rules that take that form (the ledger's, for one). */
    public NodeSettlement toNodeSettlement() {
        return new NodeSettlement(nodeId, ownerWallet, calls, ok, credits, selfDealt, quality, usage, stakeFactor,
                eligible, raw, weight, reward);
    }
}
