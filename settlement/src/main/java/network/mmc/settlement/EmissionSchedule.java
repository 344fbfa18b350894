package network.mmc.settlement;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * The whitepaper's decaying emission (SETTLEMENT.md §4): period k lasts 90 days for k = 1..4, and each later
 * group of four periods lasts twice as long as the group before. R(k) is computed in exact rational arithmetic
 * and floored to base units at each step.
 */
public final class EmissionSchedule {

    private static final long FIRST_PERIOD_DAYS = 90;
    private static final int PERIODS_PER_GROUP = 4;

    private final Instant genesis;
    private final BigInteger firstPeriodTotal;
    private final BigDecimal pi;
    private final Duration windowPeriod;

    public EmissionSchedule(SettlementParameters parameters) {
        this.genesis = parameters.genesis();
        this.firstPeriodTotal = BigInteger.valueOf(parameters.firstPeriodTotal());
        this.pi = parameters.pi();
        this.windowPeriod = parameters.period();
    }

    /** Days that period k lasts. */
    static long periodDays(int k) {
        return FIRST_PERIOD_DAYS << ((k - 1) / PERIODS_PER_GROUP);
    }

    /** The period that holds {@code instant}; 0 before genesis. */
    public int periodAt(Instant instant) {
        if (instant.isBefore(genesis)) {
            return 0;
        }
        long day = Duration.between(genesis, instant).toDays();
        int k = 1;
        long periodStartDay = 0;
        while (day >= periodStartDay + periodDays(k)) {
            periodStartDay += periodDays(k);
            k++;
        }
        return k;
    }

    /** R(k) in base units. */
    public BigInteger periodTotal(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("emission periods start at 1, got " + k);
        }
        BigInteger total = firstPeriodTotal;
        BigInteger piNumerator = pi.unscaledValue();
        BigInteger piDenominator = BigInteger.TEN.pow(pi.scale());
        for (int j = 2; j <= k; j++) {
            BigInteger numerator = total.multiply(BigInteger.valueOf(j + 1).pow(j)).multiply(piDenominator);
            BigInteger denominator = BigInteger.valueOf(j).pow(j).multiply(piNumerator);
            total = numerator.divide(denominator);
        }
        return total;
    }

    /** The reward pool of the window starting at {@code windowStart}, in base units. */
    public long poolOf(Instant windowStart) {
        int k = periodAt(windowStart);
        if (k == 0) {
            return 0;
        }
        long windowsInPeriod = Duration.ofDays(periodDays(k)).dividedBy(windowPeriod);
        return new BigDecimal(periodTotal(k))
                .divide(BigDecimal.valueOf(windowsInPeriod), 0, RoundingMode.FLOOR)
                .longValueExact();
    }
}
