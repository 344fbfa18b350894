package network.mmc.gpu;

import java.util.List;

/**
 * A multi-layer perceptron in FP32: layer l maps d(l-1) inputs to d(l) outputs as {@code y = x·W + b}, with ReLU
 * between layers (after every layer but the last).
 *
 * @param layers at least one, each taking as many inputs as the one before gives
 */
public record MlpModel(List<Layer> layers) {

    /**
     * One layer: {@code weights} row-major {@code inputs x outputs} (entry {@code [i][o]} weighs input i in output o),
     * {@code biases} one per output.
     */
    public record Layer(int inputs, int outputs, float[] weights, float[] biases) {

        public Layer {
            if (inputs < 1 || outputs < 1) {
                throw new IllegalArgumentException("a layer of " + inputs + " inputs and " + outputs + " outputs: both"
                        + " must be positive");
            }
            if (weights.length != (long) inputs * outputs || biases.length != outputs) {
                throw new IllegalArgumentException("a layer of " + inputs + " inputs and " + outputs + " outputs has "
                        + weights.length + " weights and " + biases.length + " biases, expected "
                        + (long) inputs * outputs + " and " + outputs);
            }
        }
    }

    public MlpModel {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputs() != layers.get(l - 1).outputs()) {
                throw new IllegalArgumentException("layer " + l + " takes " + layers.get(l).inputs() + " inputs and"
                        + " layer " + (l - 1) + " gives " + layers.get(l - 1).outputs());
            }
        }
    }

    public int inputs() {
        return layers.get(0).inputs();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** Floating-point operations per input row: a multiply and an add per weight, an add per bias. */
    public long flopsPerRow() {
        long flops = 0;
        for (Layer layer : layers) {
            flops += 2L * (layer.inputs() + 1) * layer.outputs();
        }
        return flops;
    }

    /** FP32 numbers in the model: every weight and bias. */
    public long parameters() {
        long parameters = 0;
        for (Layer layer : layers) {
            parameters += (long) (layer.inputs() + 1) * layer.outputs();
        }
        return parameters;
    }
}
