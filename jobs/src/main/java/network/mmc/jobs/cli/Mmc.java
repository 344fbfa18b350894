package network.mmc.jobs.cli;

import java.math.BigDecimal;

/** Base units shown as MMC with all 9 decimals. */
final class Mmc {

    private Mmc() {
    }

    static String format(long baseUnits) {
        return BigDecimal.valueOf(baseUnits, 9).toPlainString();
    }

    /** "1.5" MMC to 1 500 000 000 base units; more than 9 decimals or a non-number is refused. */
    static long parse(String mmc) {
        try {
            return new BigDecimal(mmc).movePointRight(9).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("amount '" + mmc + "' is not an MMC amount with at most 9 decimals");
        }
    }
}
