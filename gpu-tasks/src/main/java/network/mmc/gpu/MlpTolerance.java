package network.mmc.gpu;

import java.util.Arrays;

/**
 * The Hub's re-execution of MLP rows, with how far another machine's FP32 answer may rightly lie from it.
 *
 * <p>FP32 sums depend on their order (a GPU's tiles and fused multiply-adds, a CPU's blocking), so a node's honest
 * answer and this re-execution differ in the last bits. The bound is the textbook one for inner products (Higham,
 * <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., §3.1): a sum of n products computed in any order,
 * with or without fused multiply-adds, lies within {@code γ(n)·Σ|w·x|} of the exact sum, {@code γ(n) = n·u / (1 − n·u)},
 * {@code u = 2^-24}. A layer's output is such a sum over its k inputs and the bias (n = k + 1). Both machines err that
 * much at most, from inputs that already differ by {@code e} (0 for the first layer), so per output o:
 * <pre>
 *   e'(o) = Σ_i |W[i][o]|·e(i) + γ(k+1)·(Σ_i |W[i][o]|·(2·|x(i)| + e(i)) + 2·|b(o)|) + 2·(k+1)·2^-126
 * </pre>
 * where x is this re-execution's input to the layer; the last term covers a GPU flushing subnormal results to zero.
 * ReLU moves no two values further apart, so e' carries to the next layer as it is. An answer is accepted when every
 * output lies within its e of the re-execution (computed in double, far finer than the FP32 error it bounds). The
 * bound is a worst case: honest machines land orders of magnitude inside it, while any changed output larger than
 * FP32's own rounding noise is outside it. An output this re-execution finds not finite (FP32 overflow) accepts only
 * a non-finite answer.
 */
public final class MlpTolerance {

    private static final double UNIT_ROUNDOFF = 0x1p-24;
    private static final double SUBNORMAL_FLUSH = 0x1p-126;

    private final float[] reference;
    private final double[] bound;

    private MlpTolerance(float[] reference, double[] bound) {
        this.reference = reference;
        this.bound = bound;
    }

    /** Re-executes {@code rows} rows ({@code rows x model.inputs()}) one sum at a time, in index order, on this CPU. */
    public static MlpTolerance of(MlpModel model, float[] inputs, int rows) {
        if (rows < 1 || inputs.length != (long) rows * model.inputs()) {
            throw new IllegalArgumentException(rows + " rows of " + model.inputs() + " inputs need "
                    + (long) rows * model.inputs() + " numbers, got " + inputs.length);
        }
        float[] x = inputs;
        double[] e = new double[inputs.length];
        for (int l = 0; l < model.layers().size(); l++) {
            MlpModel.Layer layer = model.layers().get(l);
            int k = layer.inputs();
            int n = layer.outputs();
            boolean relu = l < model.layers().size() - 1;
            double gamma = gamma(k + 1);
            float[] y = new float[rows * n];
            double[] ey = new double[rows * n];
            float[] sums = new float[n];
            double[] carried = new double[n];
            double[] magnitude = new double[n];
            for (int row = 0; row < rows; row++) {
                Arrays.fill(sums, 0);
                Arrays.fill(carried, 0);
                Arrays.fill(magnitude, 0);
                // each output's sum still runs over the inputs in index order; walking the weights row by row keeps
                // them in cache
                for (int i = 0; i < k; i++) {
                    float xi = x[row * k + i];
                    double ei = e[row * k + i];
                    double scale = 2.0 * Math.abs(xi) + ei;
                    int offset = i * n;
                    for (int o = 0; o < n; o++) {
                        float w = layer.weights()[offset + o];
                        sums[o] += w * xi;
                        carried[o] += Math.abs(w) * ei;
                        magnitude[o] += Math.abs(w) * scale;
                    }
                }
                for (int o = 0; o < n; o++) {
                    float value = sums[o] + layer.biases()[o];
                    y[row * n + o] = relu && value < 0 ? 0 : value;
                    ey[row * n + o] = carried[o] + gamma * (magnitude[o] + 2.0 * Math.abs(layer.biases()[o]))
                            + 2.0 * (k + 1) * SUBNORMAL_FLUSH;
                }
            }
            x = y;
            e = ey;
        }
        return new MlpTolerance(x, e);
    }

    /** γ(n) = n·u / (1 − n·u): the relative error bound of an n-term FP32 inner product. */
    static double gamma(int terms) {
        double nu = terms * UNIT_ROUNDOFF;
        return nu / (1 - nu);
    }

    /** The re-executed outputs, row-major. */
    public float[] reference() {
        return reference.clone();
    }

    /** How far output {@code index} (row-major) of another machine may lie from {@link #reference()}. */
    public double bound(int index) {
        return bound[index];
    }

    /** The first output of {@code answer} outside its bound, or -1 when every one is within it. */
    public int firstMismatch(float[] answer) {
        if (answer.length != reference.length) {
            throw new IllegalArgumentException("the answer has " + answer.length + " outputs, expected "
                    + reference.length);
        }
        for (int i = 0; i < reference.length; i++) {
            float expected = reference[i];
            float got = answer[i];
            boolean within = Float.isFinite(expected)
                    ? Float.isFinite(got) && Math.abs((double) got - expected) <= bound[i]
                    : !Float.isFinite(got);
            if (!within) {
                return i;
            }
        }
        return -1;
    }
}
