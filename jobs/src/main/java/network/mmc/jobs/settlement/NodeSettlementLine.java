package network.mmc.jobs.settlement;

import java.math.BigDecimal;

/** One node's stored line of a settlement run. */
public record NodeSettlementLine(String nodeId, String ownerWallet, long calls, long ok, long credits, long selfDealt,
                                 double quality, double usage, long stake, double stakeFactor, boolean eligible,
                                 double raw, BigDecimal weight, long reward) {
}
