package network.mmc.jobs.tasks;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/tasks}: the kind, an optional deadline, and the fields of that kind.
 *
 * @param kind     GEMM or MLP_INFERENCE
 * @param deadline when the task must be finished (optional; at most {@code mmc.tasks.max-deadline} ahead): units
 *                 not done by then are cancelled and cost nothing
 * @param products GEMM: the products to compute, each given by its operands or by a seed
 * @param model    MLP_INFERENCE: the model
 * @param inputs   MLP_INFERENCE: the input rows, each of as many FP32 numbers as the first layer takes
 */
public record TaskRequest(TaskKind kind, Instant deadline, List<GemmProduct> products, Model model,
                          float[][] inputs) {

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
}
