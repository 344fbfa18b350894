package network.mmc.gpu;

/** Computes C = A·B for a challenge; the GPU and the CPU executors give bit-identical results. */
public interface MatmulExecutor extends AutoCloseable {

    /** What computes, e.g. "cuda:0 NVIDIA H100 80GB HBM3" or "cpu:16 threads". */
    String description();

    MatmulResult multiply(MatmulOperands matrices);

    @Override
    default void close() {
    }

    /**
     * The GPU executor on CUDA device {@code device} when a driver and that device are present, else the CPU
     * executor; {@code fallbackReason} hears why the GPU was not used.
     */
    static MatmulExecutor bestAvailable(int device, java.util.function.Consumer<String> fallbackReason) {
        try {
            return CudaMatmulExecutor.open(device);
        } catch (GpuUnavailableException e) {
            fallbackReason.accept(e.getMessage());
            return new CpuMatmulExecutor(Runtime.getRuntime().availableProcessors());
        }
    }
}
