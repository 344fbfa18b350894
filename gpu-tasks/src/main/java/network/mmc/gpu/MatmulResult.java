package network.mmc.gpu;

/**
 * C = A·B (n x n, row-major) with the time the executor spent computing it (for the GPU, the kernel
 * alone, measured with CUDA events) and the wall time including transfers.
 */
public record MatmulResult(float[] c, long computeNanos, long wallNanos, String executor) {

    /** 2·n·k·n / compute time. */
    public double gflops(MatmulChallenge challenge) {
        return computeNanos <= 0 ? 0 : challenge.flops() / computeNanos;
    }
}
