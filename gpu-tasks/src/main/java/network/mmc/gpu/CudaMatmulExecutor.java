package network.mmc.gpu;


import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUevent;
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

    private final CudaModule module;

    private CudaMatmulExecutor(CudaModule module) {
        this.module = module;
    }

    /** Opens device {@code ordinal}; throws {@link GpuUnavailableException} saying why when it cannot. */
    public static CudaMatmulExecutor open(int ordinal) {
        return new CudaMatmulExecutor(CudaModule.open(ordinal, PTX_RESOURCE, "the SGEMM kernel", KERNEL));
    }

    public GpuDevice device() {
        return module.device();
    }

    @Override
    public String description() {
        return module.device().toString();
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
            JCudaDriver.cuCtxSetCurrent(module.context());
            long[] free = new long[1];
            long[] total = new long[1];
            JCudaDriver.cuMemGetInfo(free, total);
            long needed = bytesA + bytesB + bytesC;
            if (needed > free[0]) {
                throw new GpuUnavailableException("a " + m + "x" + k + " by " + k + "x" + n + " product needs "
                        + (needed >> 20) + " MiB on " + module.device() + ", only " + (free[0] >> 20) + " MiB are free");
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
                        JCudaDriver.cuLaunchKernel(module.kernel(0), np / TILE_MN, mp / TILE_MN, 1, THREADS, 1, 1,
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
            throw new GpuUnavailableException("CUDA error on " + module.device() + ": " + e.getMessage(), e);
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
        module.close();
    }
}
