package network.mmc.gpu.training;

/** Backpropagation of ½‖y − t‖² in doubles, written from the textbook, as an oracle for the fixed-point code. */
final class TextbookBackprop {

    private TextbookBackprop() {
    }

    static double[] gradientSums(MlpParameters parameters, Samples samples) {
        MlpShape shape = parameters.shape();
        int layers = shape.layers();
        double[] w = new double[shape.parameterCount()];
        for (int p = 0; p < w.length; p++) {
            w[p] = FixedPoint.toDouble(parameters.value(p));
        }
        double[] sums = new double[w.length];
        for (int s = 0; s < samples.count(); s++) {
            double[][] a = new double[layers + 1][];
            a[0] = new double[shape.inputs()];
            for (int k = 0; k < a[0].length; k++) {
                a[0][k] = FixedPoint.toDouble(samples.feature(s, k));
            }
            for (int l = 1; l <= layers; l++) {
                a[l] = new double[shape.width(l)];
                for (int i = 0; i < a[l].length; i++) {
                    double z = w[shape.biasOffset(l) + i];
                    for (int k = 0; k < a[l - 1].length; k++) {
                        z += w[shape.weightOffset(l) + i * a[l - 1].length + k] * a[l - 1][k];
                    }
                    a[l][i] = l < layers ? Math.max(0, z) : z;
                }
            }
            double[][] delta = new double[layers + 1][];
            delta[layers] = new double[shape.outputs()];
            for (int j = 0; j < shape.outputs(); j++) {
                delta[layers][j] = a[layers][j] - (j == samples.label(s) ? 1 : 0);
            }
            for (int l = layers - 1; l >= 1; l--) {
                delta[l] = new double[shape.width(l)];
                for (int i = 0; i < delta[l].length; i++) {
                    double sum = 0;
                    for (int j = 0; j < delta[l + 1].length; j++) {
                        sum += w[shape.weightOffset(l + 1) + j * delta[l].length + i] * delta[l + 1][j];
                    }
                    delta[l][i] = a[l][i] > 0 ? sum : 0;
                }
            }
            for (int l = 1; l <= layers; l++) {
                for (int i = 0; i < delta[l].length; i++) {
                    for (int k = 0; k < a[l - 1].length; k++) {
                        sums[shape.weightOffset(l) + i * a[l - 1].length + k] += delta[l][i] * a[l - 1][k];
                    }
                    sums[shape.biasOffset(l) + i] += delta[l][i];
                }
            }
        }
        return sums;
    }
}
