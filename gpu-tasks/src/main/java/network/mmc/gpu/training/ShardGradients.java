package network.mmc.gpu.training;

import java.util.function.Consumer;
import network.mmc.gpu.GpuUnavailableException;

/** Computes a shard's gradient sums; every implementation gives the same bits as {@link CpuShardGradients}. */
public interface ShardGradients extends AutoCloseable {

    /** What computes, e.g. "cuda:0 NVIDIA H100 80GB HBM3" or "cpu". */
    String description();

    /**
     * The gradient sums of the squared error over {@code shard} at {@code parameters}; throws
     * {@link FixedPointOverflowException} when an activation or error leaves the Q16.16 range.
     */
    GradientSums gradients(MlpParameters parameters, Samples shard);

    @Override
    default void close() {
    }

    /** The GPU on CUDA device {@code device} when a driver and that device are present, else the CPU. */
    static ShardGradients bestAvailable(int device, Consumer<String> fallbackReason) {
        try {
            return CudaShardGradients.open(device);
        } catch (GpuUnavailableException e) {
            fallbackReason.accept(e.getMessage());
            return new CpuShardGradients();
        }
    }
}
