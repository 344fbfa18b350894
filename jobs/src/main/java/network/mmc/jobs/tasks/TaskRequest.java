package network.mmc.jobs.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/tasks}: the kind, an optional deadline, and the fields of that kind.
 *
 * @param kind     GEMM, MLP_INFERENCE or TRAINING
 * @param deadline when the task must be finished (optional; at most {@code mmc.tasks.max-deadline} ahead): units
 *                 not done by then are cancelled and cost nothing
 * @param products GEMM: the products to compute, each given by its operands or by a seed
 * @param model    MLP_INFERENCE: the model
 * @param inputs   MLP_INFERENCE: the input rows, each of as many FP32 numbers as the first layer takes
 * @param training TRAINING: the model to train, its data and how
 */
public record TaskRequest(TaskKind kind, Instant deadline, List<GemmProduct> products, Model model,
                          float[][] inputs, Training training) {

    /** Refuses fields of another kind than {@link #kind}: a body read strictly names what it will not use. */
    void checkOnlyItsKindsFields() {
        List<String> foreign = new ArrayList<>();
        if (products != null && kind != TaskKind.GEMM) {
            foreign.add("products (GEMM)");
        }
        if (model != null && kind != TaskKind.MLP_INFERENCE) {
            foreign.add("model (MLP_INFERENCE)");
        }
        if (inputs != null && kind != TaskKind.MLP_INFERENCE) {
            foreign.add("inputs (MLP_INFERENCE)");
        }
        if (training != null && kind != TaskKind.TRAINING) {
            foreign.add("training (TRAINING)");
        }
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", foreign) + (foreign.size() == 1 ? " belongs" : " belong")
                    + " to another kind of task; " + (kind == TaskKind.MLP_INFERENCE ? "an " : "a ") + kind
                    + " task gives " + switch (kind) {
                        case GEMM -> "products";
                        case MLP_INFERENCE -> "model and inputs";
                        case TRAINING -> "training";
                    });
        }
    }

    /**
     * One product C = A·B: either {@code a} (m rows of k numbers) and {@code b} (k rows of n numbers), read as FP32, or
     * {@code seed} (hex, 1 to 64 bytes) with {@code m}, {@code k}, {@code n}: A and B drawn from the seed as a probe's
     * challenge is (integers in [-8, 8], so C is exact in FP32).
     */
    public record GemmProduct(float[][] a, float[][] b, String seed, Integer m, Integer k, Integer n) {
    }

    /** A multi-layer perceptron: layer after layer, ReLU between them. */
    public record Model(List<Layer> layers) {
    }

    /**
     * A layer {@code y = x·W + b}: {@code weights} has one row per input of the layer, each with one number per
     * output; {@code biases} one number per output.
     */
    public record Layer(float[][] weights, float[] biases) {
    }

    /**
     * Exact data-parallel training of an MLP (README: Exact training).
     *
     * @param dataset      {@code iris} (committed with the Hub), or absent with {@code samples}
     * @param samples      the training samples, in Q16.16 (integers standing for value / 65536)
     * @param heldOut      optional held-out samples accuracy is reported on (iris: its 30 held-out flowers)
     * @param widths       inputs, hidden widths, classes, e.g. [4, 16, 3]
     * @param seed         seed of the initial parameters and of the batch order (default 1)
     * @param batchSize    samples per step
     * @param steps        SGD steps
     * @param learningRate "p/q", e.g. "1/4"
     * @param shards       units per step: each step's batch is cut into this many shards, one unit each (default 1)
     */
    public record Training(String dataset, LabelledSamples samples, LabelledSamples heldOut, int[] widths, Long seed,
                           Integer batchSize, Integer steps, String learningRate, Integer shards) {
    }

    /** Samples in Q16.16: {@code features} one row per sample, {@code labels} a class from 0 per sample. */
    public record LabelledSamples(int[][] features, int[] labels) {
    }
}
