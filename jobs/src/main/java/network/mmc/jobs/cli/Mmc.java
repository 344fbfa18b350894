package network.mmc.jobs.cli;

import java.math.BigDecimal;

/** Base units shown as MMC with all 9 decimals. */
final class Mmc {

    private Mmc() {
    }

    static String format(long baseUnits) {
        return BigDecimal.valueOf(baseUnits, 9).toPlainString();
    }
}
