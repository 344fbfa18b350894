package network.mmc.gpu;

import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_CLOCK_RATE;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR;
import static jcuda.driver.CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

/**
 * C = A·B on an NVIDIA GPU through the CUDA driver API: the committed PTX of sgemm.cu is loaded with
 * cuModuleLoadData (the driver JIT-compiles it), so only libcuda is needed at run time, no toolkit.
 * One context per executor; calls are serialised and make the context current on the calling thread.
 */
public final class CudaMatmulExecutor implements MatmulExecutor {

    static final String PTX_RESOURCE = "sgemm.ptx";
    private static final String KERNEL = "sgemm_128x128x8";
    private static final int TILE_MN = 128;
    private static final int TILE_K = 8;
    private static final int THREADS = 256;

    private final GpuDevice device;
    private final CUcontext context;
    private final CUmodule module;
    private final CUfunction kernel;

    private CudaMatmulExecutor(GpuDevice device, CUcontext context, CUmodule module, CUfunction kernel) {
        this.device = device;
        this.context = context;
        this.module = module;
        this.kernel = kernel;
    }

    /** Opens device {@code ordinal}; throws {@link GpuUnavailableException} saying why when it cannot. */
    public static CudaMatmulExecutor open(int ordinal) {
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
            GpuDevice device = describe(ordinal, handle);
            CUcontext context = new CUcontext();
            JCudaDriver.cuCtxCreate(context, 0, handle);
            try {
                CUmodule module = new CUmodule();
                JCudaDriver.cuModuleLoadData(module, ptx());
                CUfunction kernel = new CUfunction();
                JCudaDriver.cuModuleGetFunction(kernel, module, KERNEL);
                return new CudaMatmulExecutor(device, context, module, kernel);
            } catch (CudaException e) {
                JCudaDriver.cuCtxDestroy(context);
                throw new GpuUnavailableException("the SGEMM kernel does not load on " + device + ": "
                        + e.getMessage() + " (the driver may be older than the PTX ISA version)", e);
            }
        } catch (LinkageError e) {
            // JCuda's natives link against libcuda.so.1, which only an NVIDIA driver installs; after a
            // first failure the class stays unusable (NoClassDefFoundError), hence LinkageError
            throw new GpuUnavailableException("no CUDA driver (libcuda.so.1 not loadable): "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (CudaException e) {
            throw new GpuUnavailableException("CUDA is not usable: " + e.getMessage(), e);
        }
    }

    /** What the driver reports about device {@code ordinal}; also used by the training kernels. */
    public static GpuDevice describe(int ordinal, CUdevice handle) {
        byte[] name = new byte[256];
        JCudaDriver.cuDeviceGetName(name, name.length, handle);
        int length = 0;
        while (length < name.length && name[length] != 0) {
            length++;
        }
        long[] memory = new long[1];
        JCudaDriver.cuDeviceTotalMem(memory, handle);
        return new GpuDevice(ordinal, new String(name, 0, length, StandardCharsets.US_ASCII),
                attribute(handle, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR),
                attribute(handle, CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR),
                attribute(handle, CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT),
                attribute(handle, CU_DEVICE_ATTRIBUTE_CLOCK_RATE), memory[0]);
    }

    private static int attribute(CUdevice handle, int attribute) {
        int[] value = new int[1];
        JCudaDriver.cuDeviceGetAttribute(value, attribute, handle);
        return value[0];
    }

    /** The PTX text, NUL-terminated as cuModuleLoadData expects. */
    static byte[] ptx() {
        try (InputStream in = CudaMatmulExecutor.class.getResourceAsStream(PTX_RESOURCE)) {
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

    public GpuDevice device() {
        return device;
    }

    @Override
    public String description() {
        return device.toString();
    }

    @Override
    public synchronized MatmulResult multiply(MatmulOperands matrices) {
        long start = System.nanoTime();
        int m = matrices.m();
        int n = matrices.n();
        int k = matrices.k();
        int mp = roundUp(m, TILE_MN);
        int np = roundUp(n, TILE_MN);
        int kp = roundUp(k, TILE_K);
        long bytesA = (long) mp * kp * Sizeof.FLOAT;
        long bytesB = (long) kp * np * Sizeof.FLOAT;
        long bytesC = (long) mp * np * Sizeof.FLOAT;
        try {
            JCudaDriver.cuCtxSetCurrent(context);
            long[] free = new long[1];
            long[] total = new long[1];
            JCudaDriver.cuMemGetInfo(free, total);
            long needed = bytesA + bytesB + bytesC;
            if (needed > free[0]) {
                throw new GpuUnavailableException("a " + m + "x" + k + " by " + k + "x" + n + " product needs "
                        + (needed >> 20) + " MiB on " + device + ", only " + (free[0] >> 20) + " MiB are free");
            }
            CUdeviceptr a = new CUdeviceptr();
            CUdeviceptr b = new CUdeviceptr();
            CUdeviceptr c = new CUdeviceptr();
            CUevent started = new CUevent();
            CUevent finished = new CUevent();
            JCudaDriver.cuEventCreate(started, 0);
            JCudaDriver.cuEventCreate(finished, 0);
            JCudaDriver.cuMemAlloc(a, bytesA);
            try {
                JCudaDriver.cuMemAlloc(b, bytesB);
                try {
                    JCudaDriver.cuMemAlloc(c, bytesC);
                    try {
                        JCudaDriver.cuMemcpyHtoD(a, Pointer.to(pad(matrices.a(), m, k, mp, kp)), bytesA);
                        JCudaDriver.cuMemcpyHtoD(b, Pointer.to(pad(matrices.b(), k, n, kp, np)), bytesB);
                        Pointer parameters = Pointer.to(Pointer.to(new int[] {mp}), Pointer.to(new int[] {np}),
                                Pointer.to(new int[] {kp}), Pointer.to(a), Pointer.to(b), Pointer.to(c));
                        JCudaDriver.cuEventRecord(started, null);
                        // blockIdx.x walks the columns of C, blockIdx.y its rows
                        JCudaDriver.cuLaunchKernel(kernel, np / TILE_MN, mp / TILE_MN, 1, THREADS, 1, 1,
                                0, null, parameters, null);
                        JCudaDriver.cuEventRecord(finished, null);
                        JCudaDriver.cuEventSynchronize(finished);
                        float[] kernelMillis = new float[1];
                        JCudaDriver.cuEventElapsedTime(kernelMillis, started, finished);
                        float[] padded = new float[mp * np];
                        JCudaDriver.cuMemcpyDtoH(Pointer.to(padded), c, bytesC);
                        float[] result = trim(padded, m, n, mp, np);
                        return new MatmulResult(result, Math.round(kernelMillis[0] * 1e6),
                                System.nanoTime() - start, description());
                    } finally {
                        JCudaDriver.cuMemFree(c);
                    }
                } finally {
                    JCudaDriver.cuMemFree(b);
                }
            } finally {
                JCudaDriver.cuMemFree(a);
                JCudaDriver.cuEventDestroy(started);
                JCudaDriver.cuEventDestroy(finished);
            }
        } catch (CudaException e) {
            throw new GpuUnavailableException("CUDA error on " + device + ": " + e.getMessage(), e);
        }
    }

    private static int roundUp(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** Zero padding leaves every product in the original rows and columns unchanged. */
    private static float[] pad(float[] matrix, int rows, int columns, int paddedRows, int paddedColumns) {
        if (rows == paddedRows && columns == paddedColumns) {
            return matrix;
        }
        float[] padded = new float[paddedRows * paddedColumns];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(matrix, row * columns, padded, row * paddedColumns, columns);
        }
        return padded;
    }

    private static float[] trim(float[] padded, int m, int n, int mp, int np) {
        if (m == mp && n == np) {
            return padded;
        }
        float[] result = new float[m * n];
        for (int row = 0; row < m; row++) {
            System.arraycopy(padded, row * np, result, row * n, n);
        }
        return result;
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
