package network.mmc.settlement;

import java.math.BigDecimal;

/** Amounts for people: shown as MMC with all 9 decimals, typed as MMC unless base units are asked for. */
public final class MmcText {

    private static final int DECIMALS = 9;

    private MmcText() {
    }

    public static String format(long baseUnits) {
        return BigDecimal.valueOf(baseUnits, DECIMALS).toPlainString();
    }

    /**
     * "20000" or "20000.5" MMC to base units, or with {@code baseUnits} a whole number of base units as it is; a
     * negative amount, more than 9 decimals, more than a long holds or a non-number is refused naming {@code what}.
     */
    public static long parse(String what, String text, boolean baseUnits) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a number"
                    + (baseUnits ? " of base units" : " of MMC such as 20000 or 20000.5"));
        }
        if (amount.signum() < 0) {
            throw new IllegalArgumentException(what + " '" + text + "' is negative");
        }
        if (baseUnits && amount.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(what + " '" + text + "' is not a whole number of base units");
        }
        if (!baseUnits && amount.stripTrailingZeros().scale() > DECIMALS) {
            throw new IllegalArgumentException(what + " '" + text + "' has more than 9 decimals"
                    + " (1 base unit = 0.000000001 MMC)");
        }
        try {
            return (baseUnits ? amount : amount.movePointRight(DECIMALS)).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is more than the largest amount, "
                    + format(Long.MAX_VALUE) + " MMC");
        }
    }
}
