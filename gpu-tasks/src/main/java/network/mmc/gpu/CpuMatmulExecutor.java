package network.mmc.gpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Blocked, multi-threaded C = A·B on the CPU: threads take bands of rows of C; within a band, B is
 * walked in slabs of rows small enough to stay in cache while every row of the band uses them.
 */
public final class CpuMatmulExecutor implements MatmulExecutor {

    private static final int BAND_ROWS = 16;
    private static final int SLAB_ROWS = 64;

    private final int threads;
    private final ExecutorService pool;

    public CpuMatmulExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ", need at least 1");
        }
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "matmul-cpu");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String description() {
        return "cpu:" + threads + " threads";
    }

    @Override
    public MatmulResult multiply(MatmulOperands matrices) {
        long start = System.nanoTime();
        float[] c = new float[matrices.outputs()];
        List<Future<?>> bands = new ArrayList<>();
        for (int row = 0; row < matrices.m(); row += BAND_ROWS) {
            int first = row;
            int last = Math.min(matrices.m(), row + BAND_ROWS);
            bands.add(pool.submit(() -> multiplyBand(matrices, c, first, last)));
        }
        for (Future<?> band : bands) {
            try {
                band.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while multiplying", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a CPU band failed", e.getCause());
            }
        }
        long elapsed = System.nanoTime() - start;
        return new MatmulResult(c, elapsed, elapsed, description());
    }

    private static void multiplyBand(MatmulOperands matrices, float[] c, int firstRow, int lastRow) {
        int n = matrices.n();
        int k = matrices.k();
        float[] a = matrices.a();
        float[] b = matrices.b();
        for (int slab = 0; slab < k; slab += SLAB_ROWS) {
            int slabEnd = Math.min(k, slab + SLAB_ROWS);
            for (int i = firstRow; i < lastRow; i++) {
                int cRow = i * n;
                for (int p = slab; p < slabEnd; p++) {
                    float aip = a[i * k + p];
                    if (aip == 0f) {
                        continue;
                    }
                    int bRow = p * n;
                    for (int j = 0; j < n; j++) {
                        c[cRow + j] += aip * b[bRow + j];
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
