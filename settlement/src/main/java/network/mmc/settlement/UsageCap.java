package network.mmc.settlement;

import java.util.Arrays;
import org.apache.commons.math3.stat.descriptive.rank.Median;

/**
 * The cap on a node's usage: median + k * 1.4826 * MAD over the nodes with credits (SETTLEMENT.md §3).
 * Credits are integers below 2^53 (the Hub's per-record ceiling keeps a window's sums there), so the medians
 * (whole or half values) are exact whatever way Commons Math interpolates between the two middle values.
 */
final class UsageCap {

    static final double MAD_TO_SIGMA = 1.4826;

    private UsageCap() {
    }

    static double of(long[] positiveCredits, int minCapNodes, double capK) {
        if (positiveCredits.length < minCapNodes) {
            return Double.POSITIVE_INFINITY;
        }
        double[] values = Arrays.stream(positiveCredits).sorted().asDoubleStream().toArray();
        Median median = new Median();
        double med = median.evaluate(values);
        double[] deviations = Arrays.stream(values).map(x -> Math.abs(x - med)).toArray();
        double mad = median.evaluate(deviations);
        return med + capK * MAD_TO_SIGMA * mad;
    }
}
