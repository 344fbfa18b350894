package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.gpu.FreivaldsVerifier.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GPU tests run where a CUDA driver and device are present and are reported as skipped elsewhere. */
class CudaMatmulExecutorTests {

    private static CudaMatmulExecutor gpu;
    private static String unavailable;

    @BeforeAll
    static void openGpu() {
        try {
            gpu = CudaMatmulExecutor.open(0);
        } catch (GpuUnavailableException e) {
            unavailable = e.getMessage();
        }
    }

    @AfterAll
    static void closeGpu() {
        if (gpu != null) {
            gpu.close();
        }
    }

    @Test
    void committedPtxDeclaresTheKernelForAnIsaThatDriver535Accepts() {
        String ptx = new String(CudaModule.ptx(CudaMatmulExecutor.PTX_RESOURCE), StandardCharsets.US_ASCII);
        Matcher version = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)$").matcher(ptx);

        assertThat(ptx).contains(".entry sgemm_128x128x8(").endsWith("\0");
        assertThat(version.find()).isTrue();
        assertThat(Integer.parseInt(version.group(1)) * 10 + Integer.parseInt(version.group(2))).isLessThanOrEqualTo(82);
    }

    @Test
    void gpuAndCpuProductsAreBitIdenticalOnTiledAndPaddedSizes() {
        assumeTrue(gpu != null, () -> "no GPU: " + unavailable);
        for (MatmulChallenge challenge : new MatmulChallenge[] {
                MatmulChallenge.of("01", 1024, 1024), MatmulChallenge.of("02", 300, 77)}) {
            MatmulOperands matrices = challenge.matrices();
            MatmulResult onGpu = gpu.multiply(matrices);
            try (CpuMatmulExecutor cpu = new CpuMatmulExecutor(Runtime.getRuntime().availableProcessors())) {
                float[] onCpu = cpu.multiply(matrices).c();

                assertThat(onGpu.c()).isEqualTo(onCpu);
            }
            assertThat(new FreivaldsVerifier(new SecureRandom(), 3).verify(matrices, onGpu.c()))
                    .isEqualTo(Verdict.SUCCESS);
            assertThat(onGpu.gflops(challenge)).isPositive();
        }
    }

    @Test
    void rectangularProductsMatchTheCpuAndFractionalOnesPassTheVerifier() {
        assumeTrue(gpu != null, () -> "no GPU: " + unavailable);
        FreivaldsVerifier verifier = new FreivaldsVerifier(new SecureRandom(), 3);
        try (CpuMatmulExecutor cpu = new CpuMatmulExecutor(Runtime.getRuntime().availableProcessors())) {
            for (MatmulOperands operands : new MatmulOperands[] {MatmulChallenge.generate(new byte[] {5}, 300, 77, 130),
                    MatmulChallenge.generate(new byte[] {6}, 1, 1, 1), MatmulChallenge.generate(new byte[] {7}, 129, 513, 1)}) {
                float[] onGpu = gpu.multiply(operands).c();

                assertThat(onGpu).isEqualTo(cpu.multiply(operands).c());
                assertThat(verifier.verify(operands, onGpu)).isEqualTo(Verdict.SUCCESS);
            }
            MatmulOperands fractional = FreivaldsVerifierTests.fractional(new SplittableRandom(3), 257, 1000, 190);
            assertThat(verifier.verify(fractional, gpu.multiply(fractional).c())).isEqualTo(Verdict.SUCCESS);
        }
    }
}
