package network.mmc.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** An MLP's forward pass as a textbook writes it, each sum in double: the reference for the FP32 executors. */
final class TextbookMlp {

    private TextbookMlp() {
    }

    static double[] of(MlpModel model, float[] inputs, int rows) {
        double[] x = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            x[i] = inputs[i];
        }
        for (int l = 0; l < model.layers().size(); l++) {
            MlpModel.Layer layer = model.layers().get(l);
            double[] y = new double[rows * layer.outputs()];
            for (int row = 0; row < rows; row++) {
                for (int o = 0; o < layer.outputs(); o++) {
                    double sum = layer.biases()[o];
                    for (int i = 0; i < layer.inputs(); i++) {
                        sum += x[row * layer.inputs() + i] * layer.weights()[i * layer.outputs() + o];
                    }
                    y[row * layer.outputs() + o] = l < model.layers().size() - 1 ? Math.max(0, sum) : sum;
                }
            }
            x = y;
        }
        return x;
    }

    /** A model of the given sizes with weights and biases uniform in (-scale, scale). */
    static MlpModel random(Random random, double scale, int... sizes) {
        List<MlpModel.Layer> layers = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            float[] weights = new float[sizes[l - 1] * sizes[l]];
            float[] biases = new float[sizes[l]];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
            }
            for (int i = 0; i < biases.length; i++) {
                biases[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
            }
            layers.add(new MlpModel.Layer(sizes[l - 1], sizes[l], weights, biases));
        }
        return new MlpModel(layers);
    }

    static float[] inputs(Random random, int rows, int columns) {
        float[] inputs = new float[rows * columns];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return inputs;
    }
}
