package network.mmc.gpu.training;

import java.util.Arrays;

/**
 * The sums over some samples of each parameter's per-sample gradient of the squared error, in Q16.16 as 64-bit
 * integers, and how many samples were summed. Integer addition is associative and commutative, so the sums of a
 * batch's shards, added in any grouping and order, equal the batch's sum bit for bit. No sum can overflow: a
 * per-sample gradient is a floored product of two 32-bit values (|g| < 2^46) and a batch has at most 2^16 samples.
 */
public record GradientSums(long[] sums, int samples) {

    public GradientSums {
        if (samples < 0 || samples > Samples.MAX_SAMPLES) {
            throw new IllegalArgumentException("gradient sums over " + samples + " samples, must be in [0, "
                    + Samples.MAX_SAMPLES + "]");
        }
        sums = sums.clone();
    }

    public static GradientSums zero(MlpShape shape) {
        return new GradientSums(new long[shape.parameterCount()], 0);
    }

    @Override
    public long[] sums() {
        return sums.clone();
    }

    public long sum(int index) {
        return sums[index];
    }

    public int length() {
        return sums.length;
    }

    /** These sums plus {@code other}'s; throws when they are of different models or the batch grows too large. */
    public GradientSums plus(GradientSums other) {
        if (other.sums.length != sums.length) {
            throw new IllegalArgumentException("gradient sums of " + other.sums.length + " parameters cannot be added to "
                    + sums.length);
        }
        long[] total = new long[sums.length];
        for (int i = 0; i < total.length; i++) {
            total[i] = Math.addExact(sums[i], other.sums[i]);
        }
        return new GradientSums(total, samples + other.samples);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GradientSums gradient && samples == gradient.samples
                && Arrays.equals(sums, gradient.sums);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sums) * 31 + samples;
    }

    @Override
    public String toString() {
        return "gradient sums of " + sums.length + " parameters over " + samples + " samples";
    }
}
