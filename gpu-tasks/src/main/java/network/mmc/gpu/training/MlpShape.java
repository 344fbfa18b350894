package network.mmc.gpu.training;

import java.util.Arrays;

/**
 * The widths of a multi-layer perceptron, inputs first, outputs last: layer l (from 1) has a weight matrix of
 * widths[l] rows by widths[l-1] columns, then widths[l] biases. The parameters are laid out layer by layer in that
 * order, each matrix row-major; hidden layers apply ReLU, the output layer is linear.
 */
public record MlpShape(int[] widths) {

    public static final int MAX_WIDTH = 4_096;
    public static final int MAX_LAYERS = 16;
    public static final int MAX_PARAMETERS = 1 << 24;

    public MlpShape {
        if (widths == null || widths.length < 2 || widths.length > MAX_LAYERS + 1) {
            throw new IllegalArgumentException("an MLP needs between 2 and " + (MAX_LAYERS + 1)
                    + " widths (inputs, hidden..., outputs), got " + (widths == null ? 0 : widths.length));
        }
        widths = widths.clone();
        long parameters = 0;
        for (int l = 0; l < widths.length; l++) {
            if (widths[l] < 1 || widths[l] > MAX_WIDTH) {
                throw new IllegalArgumentException("width " + l + " is " + widths[l] + ", must be in [1, " + MAX_WIDTH
                        + "]");
            }
            if (l > 0) {
                parameters += (long) widths[l] * (widths[l - 1] + 1);
            }
        }
        if (parameters > MAX_PARAMETERS) {
            throw new IllegalArgumentException("widths " + Arrays.toString(widths) + " give " + parameters
                    + " parameters, more than " + MAX_PARAMETERS);
        }
    }

    public static MlpShape of(int... widths) {
        return new MlpShape(widths);
    }

    @Override
    public int[] widths() {
        return widths.clone();
    }

    /** Number of weight layers. */
    public int layers() {
        return widths.length - 1;
    }

    public int width(int layer) {
        return widths[layer];
    }

    public int inputs() {
        return widths[0];
    }

    public int outputs() {
        return widths[widths.length - 1];
    }

    /** Index of W_layer[0][0] (layer from 1); its biases follow the matrix. */
    public int weightOffset(int layer) {
        int offset = 0;
        for (int l = 1; l < layer; l++) {
            offset += widths[l] * (widths[l - 1] + 1);
        }
        return offset;
    }

    public int biasOffset(int layer) {
        return weightOffset(layer) + widths[layer] * widths[layer - 1];
    }

    public int parameterCount() {
        return weightOffset(widths.length);
    }

    /** Activations of every layer after the input: the scratch one sample needs, per kind. */
    public int activationCount() {
        int count = 0;
        for (int l = 1; l < widths.length; l++) {
            count += widths[l];
        }
        return count;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MlpShape shape && Arrays.equals(widths, shape.widths);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(widths);
    }

    @Override
    public String toString() {
        return Arrays.toString(widths);
    }
}
