package network.mmc.gpu.training;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;
import network.mmc.gpu.CudaMatmulExecutor;
import network.mmc.gpu.GpuDevice;
import network.mmc.gpu.GpuUnavailableException;

/**
 * A shard's gradient sums on an NVIDIA GPU through the driver API, from the committed PTX of mlp_train.cu (loaded
 * with cuModuleLoadData, as the SGEMM kernel is): one kernel runs each sample's forward and backward pass, a second
 * sums each parameter's gradient over the shard. The integer arithmetic is the CPU's, so the bits are the same.
 */
public final class CudaShardGradients implements ShardGradients {

    static final String PTX_RESOURCE = "mlp_train.ptx";
    private static final int THREADS = 128;

    private final GpuDevice device;
    private final CUcontext context;
    private final CUmodule module;
    private final CUfunction forwardBackward;
    private final CUfunction gradientSums;

    private CudaShardGradients(GpuDevice device, CUcontext context, CUmodule module, CUfunction forwardBackward,
                               CUfunction gradientSums) {
        this.device = device;
        this.context = context;
        this.module = module;
        this.forwardBackward = forwardBackward;
        this.gradientSums = gradientSums;
    }

    /** Opens device {@code ordinal}; throws {@link GpuUnavailableException} saying why when it cannot. */
    public static CudaShardGradients open(int ordinal) {
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            if (ordinal < 0 || ordinal >= count[0]) {
                throw new GpuUnavailableException("CUDA device " + ordinal + " does not exist (the driver sees "
                        + count[0] + ")");
            }
            CUdevice handle = new CUdevice();
            JCudaDriver.cuDeviceGet(handle, ordinal);
            GpuDevice device = CudaMatmulExecutor.describe(ordinal, handle);
            CUcontext context = new CUcontext();
            JCudaDriver.cuCtxCreate(context, 0, handle);
            try {
                CUmodule module = new CUmodule();
                JCudaDriver.cuModuleLoadData(module, ptx());
                CUfunction forwardBackward = new CUfunction();
                JCudaDriver.cuModuleGetFunction(forwardBackward, module, "mlp_forward_backward");
                CUfunction gradientSums = new CUfunction();
                JCudaDriver.cuModuleGetFunction(gradientSums, module, "mlp_gradient_sums");
                return new CudaShardGradients(device, context, module, forwardBackward, gradientSums);
            } catch (CudaException e) {
                JCudaDriver.cuCtxDestroy(context);
                throw new GpuUnavailableException("the training kernels do not load on " + device + ": "
                        + e.getMessage() + " (the driver may be older than the PTX ISA version)", e);
            }
        } catch (LinkageError e) {
            throw new GpuUnavailableException("no CUDA driver (libcuda.so.1 not loadable): "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (CudaException e) {
            throw new GpuUnavailableException("CUDA is not usable: " + e.getMessage(), e);
        }
    }

    /** The PTX text, NUL-terminated as cuModuleLoadData expects. */
    static byte[] ptx() {
        try (InputStream in = CudaShardGradients.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(PTX_RESOURCE + " is missing from the gpu-tasks jar");
            }
            byte[] text = in.readAllBytes();
            byte[] terminated = new byte[text.length + 1];
            System.arraycopy(text, 0, terminated, 0, text.length);
            return terminated;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String description() {
        return device.toString();
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
            JCudaDriver.cuCtxSetCurrent(context);
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
                JCudaDriver.cuLaunchKernel(forwardBackward, blocks(samples), 1, 1, THREADS, 1, 1, 0, null,
                        Pointer.to(Pointer.to(new int[] {layers}), Pointer.to(layoutOnGpu), Pointer.to(parametersOnGpu),
                                Pointer.to(new int[] {samples}), Pointer.to(features), Pointer.to(labels),
                                Pointer.to(new int[] {scratch}), Pointer.to(activations), Pointer.to(errors),
                                Pointer.to(overflow)), null);
                JCudaDriver.cuLaunchKernel(gradientSums, blocks(parameterCount), 1, 1, THREADS, 1, 1, 0, null,
                        Pointer.to(Pointer.to(new int[] {layers}), Pointer.to(layoutOnGpu),
                                Pointer.to(new int[] {parameterCount}), Pointer.to(new int[] {samples}),
                                Pointer.to(features), Pointer.to(new int[] {scratch}), Pointer.to(activations),
                                Pointer.to(errors), Pointer.to(sums)), null);
                JCudaDriver.cuCtxSynchronize();
                int[] overflowed = new int[1];
                JCudaDriver.cuMemcpyDtoH(Pointer.to(overflowed), overflow, Sizeof.INT);
                if (overflowed[0] != 0) {
                    throw new FixedPointOverflowException("an activation or error of the shard left the Q16.16 range"
                            + " (on " + device + ")");
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
            throw new GpuUnavailableException("CUDA error on " + device + ": " + e.getMessage(), e);
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
        try {
            JCudaDriver.cuCtxSetCurrent(context);
            JCudaDriver.cuModuleUnload(module);
        } finally {
            JCudaDriver.cuCtxDestroy(context);
        }
    }
}
