package network.mmc.settlement;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one text form of a non-integer value shown to people (weight, quality, usage, cap, stake factor): a plain
 * decimal without trailing zeros, never exponent notation. Exact decimals keep every digit; values computed in
 * floating point are first rounded to {@value #FLOATING_POINT_DECIMALS} decimals, below which their digits are
 * rounding noise ({@code 12044.832999999999} is shown as {@code 12044.833}).
 */
public final class DecimalText {

    public static final int FLOATING_POINT_DECIMALS = 6;

    private DecimalText() {
    }

    public static String of(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    public static String of(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return of(BigDecimal.valueOf(value).setScale(FLOATING_POINT_DECIMALS, RoundingMode.HALF_EVEN));
    }
}
