package network.mmc.jobs.tasks;

import java.time.Instant;
import java.util.List;

/**
 * The body of {@code POST /api/tasks}.
 *
 * @param kind     GEMM
 * @param deadline when the task must be finished (optional; at most {@code mmc.tasks.max-deadline} ahead): units
 *                 not done by then are cancelled and cost nothing
 * @param products the products to compute, each given by its operands or by a seed
 */
public record TaskRequest(TaskKind kind, Instant deadline, List<GemmProduct> products) {

    /**
     * One product C = A·B: either {@code a} (m rows of k numbers) and {@code b} (k rows of n numbers), read as FP32, or
     * {@code seed} (hex, 1 to 64 bytes) with {@code m}, {@code k}, {@code n}: A and B drawn from the seed as a probe's
     * challenge is (integers in [-8, 8], so C is exact in FP32).
     */
    public record GemmProduct(float[][] a, float[][] b, String seed, Integer m, Integer k, Integer n) {
    }
}
