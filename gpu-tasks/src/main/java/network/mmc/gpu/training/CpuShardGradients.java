package network.mmc.gpu.training;

/**
 * The reference computation of a shard's gradient sums, one sample after another. Per sample, with a_0 the input:
 * forward z_l = b_l + Σ_k ⌊W_l[i][k]·a_{l-1}[k]⌋ (each product floored to Q16.16, the sum exact in 64 bits),
 * a_l = max(z_l, 0) on hidden layers and a_L = z_L at the output; the loss is ½‖a_L − t‖² with t the one-hot label
 * (1.0 for its class), so the output error is δ_L = a_L − t, exact with no softmax to approximate; back through
 * δ_l[i] = Σ_j ⌊W_{l+1}[j][i]·δ_{l+1}[j]⌋ where a_l[i] > 0, else 0; and the gradients ⌊δ_l[i]·a_{l-1}[k]⌋ for
 * W_l[i][k] and δ_l[i] for b_l[i] are added to 64-bit sums. Every z, a and δ must fit Q16.16.
 */
public final class CpuShardGradients implements ShardGradients {

    @Override
    public String description() {
        return "cpu";
    }

    @Override
    public GradientSums gradients(MlpParameters parameters, Samples shard) {
        MlpShape shape = parameters.shape();
        shard.checkFits(shape);
        long[] sums = new long[shape.parameterCount()];
        int[][] activations = activations(shape, shard);
        int[][] errors = new int[shape.layers() + 1][];
        for (int sample = 0; sample < shard.count(); sample++) {
            forward(parameters, shard, sample, activations);
            backward(parameters, shard.label(sample), activations, errors);
            for (int layer = 1; layer <= shape.layers(); layer++) {
                int weights = shape.weightOffset(layer);
                int biases = shape.biasOffset(layer);
                int[] input = activations[layer - 1];
                int[] error = errors[layer];
                for (int i = 0; i < error.length; i++) {
                    int row = weights + i * input.length;
                    for (int k = 0; k < input.length; k++) {
                        sums[row + k] += FixedPoint.multiply(error[i], input[k]);
                    }
                    sums[biases + i] += error[i];
                }
            }
        }
        return new GradientSums(sums, shard.count());
    }

    /** Scratch for one sample's activations, the input layer first. */
    static int[][] activations(MlpShape shape, Samples samples) {
        int[][] activations = new int[shape.layers() + 1][];
        for (int layer = 0; layer <= shape.layers(); layer++) {
            activations[layer] = new int[shape.width(layer)];
        }
        return activations;
    }

    /** Fills {@code activations} for one sample; the last layer holds the model's outputs. */
    static void forward(MlpParameters parameters, Samples samples, int sample, int[][] activations) {
        MlpShape shape = parameters.shape();
        for (int k = 0; k < shape.inputs(); k++) {
            activations[0][k] = samples.feature(sample, k);
        }
        for (int layer = 1; layer <= shape.layers(); layer++) {
            int weights = shape.weightOffset(layer);
            int biases = shape.biasOffset(layer);
            int[] input = activations[layer - 1];
            int[] output = activations[layer];
            boolean hidden = layer < shape.layers();
            for (int i = 0; i < output.length; i++) {
                long z = parameters.value(biases + i);
                int row = weights + i * input.length;
                for (int k = 0; k < input.length; k++) {
                    z += FixedPoint.multiply(parameters.value(row + k), input[k]);
                }
                int value = FixedPoint.narrow(z, "z of unit " + i + " of layer " + layer + " for sample " + sample);
                output[i] = hidden ? Math.max(value, 0) : value;
            }
        }
    }

    private static void backward(MlpParameters parameters, int label, int[][] activations, int[][] errors) {
        MlpShape shape = parameters.shape();
        int last = shape.layers();
        int[] output = activations[last];
        errors[last] = new int[output.length];
        for (int j = 0; j < output.length; j++) {
            errors[last][j] = FixedPoint.narrow((long) output[j] - (j == label ? FixedPoint.ONE : 0),
                    "output error " + j);
        }
        for (int layer = last - 1; layer >= 1; layer--) {
            int[] above = errors[layer + 1];
            int weights = shape.weightOffset(layer + 1);
            int width = shape.width(layer);
            int[] error = new int[width];
            for (int i = 0; i < width; i++) {
                if (activations[layer][i] > 0) {
                    long sum = 0;
                    for (int j = 0; j < above.length; j++) {
                        sum += FixedPoint.multiply(parameters.value(weights + j * width + i), above[j]);
                    }
                    error[i] = FixedPoint.narrow(sum, "error of unit " + i + " of layer " + layer);
                }
            }
            errors[layer] = error;
        }
    }
}
