package network.mmc.gpu;

import java.security.SecureRandom;
import java.util.Arrays;
import network.mmc.gpu.FreivaldsVerifier.Verdict;

/**
 * bench/gpu.sh: GFLOPS of the SGEMM kernel at n = k (default 4096) against the card's FP32 peak, the
 * floor measured in the same run being the peak the driver's own figures give. Prints the median and
 * best of several launches after a warm-up, and checks the product (Freivalds, and bit-identity with
 * the CPU executor).
 */
public final class KernelBenchmark {

    private KernelBenchmark() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 4096;
        int launches = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        MatmulChallenge challenge = new MatmulChallenge(new byte[] {42}, n, n);
        MatmulOperands matrices = challenge.matrices();
        CudaMatmulExecutor opened;
        try {
            opened = CudaMatmulExecutor.open(0);
        } catch (GpuUnavailableException e) {
            System.out.println("no GPU, nothing to measure: " + e.getMessage());
            System.exit(1);
            return;
        }
        try (CudaMatmulExecutor gpu = opened) {
            GpuDevice device = gpu.device();
            System.out.printf("device: %s, clock %d MHz, %d FP32 lanes/SM%n", device, device.clockKHz() / 1000,
                    device.fp32LanesPerMultiprocessor());
            MatmulResult first = gpu.multiply(matrices);
            double[] gflops = new double[launches];
            for (int i = 0; i < launches; i++) {
                gflops[i] = gpu.multiply(matrices).gflops(challenge);
            }
            Arrays.sort(gflops);
            double median = gflops[launches / 2];
            double best = gflops[launches - 1];
            double peak = device.fp32PeakGflops();
            System.out.printf("sgemm n=k=%d: median %.0f GFLOPS, best %.0f GFLOPS over %d launches%n", n, median, best,
                    launches);
            System.out.printf("FP32 peak %.0f GFLOPS -> ratio %.3f (median), %.3f (best); target >= 0.25%n", peak,
                    median / peak, best / peak);
            Verdict verdict = new FreivaldsVerifier(new SecureRandom(), 3).verify(matrices, first.c());
            System.out.println("Freivalds on the GPU product: " + verdict);
            try (CpuMatmulExecutor cpu = new CpuMatmulExecutor(Runtime.getRuntime().availableProcessors())) {
                MatmulResult onCpu = cpu.multiply(matrices);
                System.out.printf("CPU executor (%s): %.1f GFLOPS; bit-identical to the GPU: %s%n",
                        cpu.description(), onCpu.gflops(challenge), Arrays.equals(onCpu.c(), first.c()));
            }
        }
    }
}
