package network.mmc.gpu.training;

import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;
import network.mmc.gpu.CudaModule;
import network.mmc.gpu.GpuUnavailableException;

/**
 * A shard's gradient sums on an NVIDIA GPU through the driver API, from the committed PTX of mlp_train.cu (loaded
 * with cuModuleLoadData, as the SGEMM kernel is): one kernel runs each sample's forward and backward pass, a second
 * sums each parameter's gradient over the shard. The integer arithmetic is the CPU's, so the bits are the same.
 */
public final class CudaShardGradients implements ShardGradients {

    static final String PTX_RESOURCE = "training/mlp_train.ptx";
    private static final int THREADS = 128;

    private final CudaModule module;

    private CudaShardGradients(CudaModule module) {
        this.module = module;
    }

    /** Opens device {@code ordinal}; throws {@link GpuUnavailableException} saying why when it cannot. */
    public static CudaShardGradients open(int ordinal) {
        return new CudaShardGradients(CudaModule.open(ordinal, PTX_RESOURCE, "the training kernels",
                "mlp_forward_backward", "mlp_gradient_sums"));
    }

    @Override
    public String description() {
        return module.device().toString();
    }

    @Override
    public synchronized GradientSums gradients(MlpParameters parameters, Samples shard) {
        MlpShape shape = parameters.shape();
        shard.checkFits(shape);
        int samples = shard.count();
        int parameterCount = shape.parameterCount();
        if (samples == 0) {
            return GradientSums.zero(shape);
        }
        int layers = shape.layers();
        int[] layout = new int[3 * (layers + 1)];
        int scratch = 0;
        for (int l = 0; l <= layers; l++) {
            layout[l] = shape.width(l);
            if (l >= 1) {
                layout[layers + 1 + l] = shape.weightOffset(l);
                layout[2 * (layers + 1) + l] = scratch;
                scratch += shape.width(l);
            }
        }
        long scratchBytes = (long) samples * scratch * Sizeof.INT;
        try {
            JCudaDriver.cuCtxSetCurrent(module.context());
            CUdeviceptr[] buffers = new CUdeviceptr[8];
            try {
                CUdeviceptr layoutOnGpu = copied(buffers, 0, layout);
                CUdeviceptr parametersOnGpu = copied(buffers, 1, parameters.values());
                CUdeviceptr features = copied(buffers, 2, shard.features());
                CUdeviceptr labels = copied(buffers, 3, shard.labels());
                CUdeviceptr activations = allocated(buffers, 4, scratchBytes);
                CUdeviceptr errors = allocated(buffers, 5, scratchBytes);
                CUdeviceptr overflow = copied(buffers, 6, new int[1]);
                CUdeviceptr sums = allocated(buffers, 7, (long) parameterCount * Sizeof.LONG);
                JCudaDriver.cuLaunchKernel(module.kernel(0), blocks(samples), 1, 1, THREADS, 1, 1, 0, null,
                        Pointer.to(Pointer.to(new int[] {layers}), Pointer.to(layoutOnGpu), Pointer.to(parametersOnGpu),
                                Pointer.to(new int[] {samples}), Pointer.to(features), Pointer.to(labels),
                                Pointer.to(new int[] {scratch}), Pointer.to(activations), Pointer.to(errors),
                                Pointer.to(overflow)), null);
                JCudaDriver.cuLaunchKernel(module.kernel(1), blocks(parameterCount), 1, 1, THREADS, 1, 1, 0, null,
                        Pointer.to(Pointer.to(new int[] {layers}), Pointer.to(layoutOnGpu),
                                Pointer.to(new int[] {parameterCount}), Pointer.to(new int[] {samples}),
                                Pointer.to(features), Pointer.to(new int[] {scratch}), Pointer.to(activations),
                                Pointer.to(errors), Pointer.to(sums)), null);
                JCudaDriver.cuCtxSynchronize();
                int[] overflowed = new int[1];
                JCudaDriver.cuMemcpyDtoH(Pointer.to(overflowed), overflow, Sizeof.INT);
                if (overflowed[0] != 0) {
                    throw new FixedPointOverflowException("an activation or error of the shard left the Q16.16 range"
                            + " (on " + module.device() + ")");
                }
                long[] result = new long[parameterCount];
                JCudaDriver.cuMemcpyDtoH(Pointer.to(result), sums, (long) parameterCount * Sizeof.LONG);
                return new GradientSums(result, samples);
            } finally {
                for (CUdeviceptr buffer : buffers) {
                    if (buffer != null) {
                        JCudaDriver.cuMemFree(buffer);
                    }
                }
            }
        } catch (CudaException e) {
            throw new GpuUnavailableException("CUDA error on " + module.device() + ": " + e.getMessage(), e);
        }
    }

    private static int blocks(int threads) {
        return (threads + THREADS - 1) / THREADS;
    }

    private static CUdeviceptr allocated(CUdeviceptr[] buffers, int slot, long bytes) {
        CUdeviceptr buffer = new CUdeviceptr();
        JCudaDriver.cuMemAlloc(buffer, Math.max(bytes, Sizeof.INT));
        buffers[slot] = buffer;
        return buffer;
    }

    private static CUdeviceptr copied(CUdeviceptr[] buffers, int slot, int[] values) {
        CUdeviceptr buffer = allocated(buffers, slot, (long) values.length * Sizeof.INT);
        if (values.length > 0) {
            JCudaDriver.cuMemcpyHtoD(buffer, Pointer.to(values), (long) values.length * Sizeof.INT);
        }
        return buffer;
    }

    @Override
    public synchronized void close() {
        module.close();
    }
}
