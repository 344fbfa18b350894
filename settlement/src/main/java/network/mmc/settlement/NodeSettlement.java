package network.mmc.settlement;

import java.math.BigDecimal;

/** One node's line of a settled window. */
public record NodeSettlement(
        String nodeId,
        String ownerWallet,
        long calls,
        long ok,
        long credits,
        long selfDealt,
        double quality,
        double usage,
        double stakeFactor,
        boolean eligible,
        double raw,
        BigDecimal weight,
        long reward) {
}
