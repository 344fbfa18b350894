package network.mmc.gpu.training;

import java.util.Arrays;

/**
 * Labelled samples in Q16.16: {@code features} holds count rows of {@code inputs} values, row-major; each label is a
 * class in [0, classes). A shard of a batch is one of these.
 */
public record Samples(int inputs, int classes, int[] features, int[] labels) {

    /** Most samples in one shard or batch: keeps every 64-bit gradient sum below 2^62 (see {@link GradientSums}). */
    public static final int MAX_SAMPLES = 1 << 16;

    public Samples {
        if (inputs < 1 || classes < 1) {
            throw new IllegalArgumentException("inputs = " + inputs + " and classes = " + classes + " must be positive");
        }
        if (labels.length > MAX_SAMPLES) {
            throw new IllegalArgumentException(labels.length + " samples, at most " + MAX_SAMPLES + " at once");
        }
        if (features.length != (long) labels.length * inputs) {
            throw new IllegalArgumentException(labels.length + " samples of " + inputs + " inputs need "
                    + (long) labels.length * inputs + " features, got " + features.length);
        }
        for (int s = 0; s < labels.length; s++) {
            if (labels[s] < 0 || labels[s] >= classes) {
                throw new IllegalArgumentException("label of sample " + s + " is " + labels[s] + ", must be in [0, "
                        + classes + ")");
            }
        }
        features = features.clone();
        labels = labels.clone();
    }

    public int count() {
        return labels.length;
    }

    @Override
    public int[] features() {
        return features.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    public int feature(int sample, int input) {
        return features[sample * inputs + input];
    }

    public int label(int sample) {
        return labels[sample];
    }

    /** The samples at {@code indices}, in that order. */
    public Samples select(int[] indices) {
        int[] chosen = new int[indices.length * inputs];
        int[] chosenLabels = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(features, indices[i] * inputs, chosen, i * inputs, inputs);
            chosenLabels[i] = labels[indices[i]];
        }
        return new Samples(inputs, classes, chosen, chosenLabels);
    }

    /** Samples [from, to). */
    public Samples range(int from, int to) {
        return new Samples(inputs, classes, Arrays.copyOfRange(features, from * inputs, to * inputs),
                Arrays.copyOfRange(labels, from, to));
    }

    /** Checks that these samples fit a model of {@code shape}. */
    public void checkFits(MlpShape shape) {
        if (shape.inputs() != inputs || shape.outputs() != classes) {
            throw new IllegalArgumentException("samples of " + inputs + " inputs and " + classes
                    + " classes do not fit the MLP " + shape);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Samples samples && inputs == samples.inputs && classes == samples.classes
                && Arrays.equals(features, samples.features) && Arrays.equals(labels, samples.labels);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(labels) * 31 + Arrays.hashCode(features);
    }

    @Override
    public String toString() {
        return count() + " samples of " + inputs + " inputs, " + classes + " classes";
    }
}
