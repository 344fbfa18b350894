package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MLP inference on the GPU; runs where a CUDA driver and device are present, reported as skipped elsewhere. */
class CudaMlpInferenceTests {

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
    void theGpusOutputsLieWithinTheToleranceOfTheHubsReExecution() {
        assumeTrue(gpu != null, () -> "no GPU: " + unavailable);
        Random random = new Random(7);
        // widths off the kernel's tiles, so padding is exercised
        MlpModel model = TextbookMlp.random(random, 0.5, 300, 1000, 517, 10);
        float[] inputs = TextbookMlp.inputs(random, 257, 300);

        MlpInference.Result result = new MlpInference(gpu).infer(model, inputs, 257);

        assertThat(result.executor()).startsWith("cuda:");
        MlpTolerance tolerance = MlpTolerance.of(model, inputs, 257);
        assertThat(tolerance.firstMismatch(result.outputs())).isEqualTo(-1);
        double[] exact = TextbookMlp.of(model, inputs, 257);
        for (int i = 0; i < exact.length; i++) {
            assertThat(Math.abs(exact[i] - result.outputs()[i])).isLessThanOrEqualTo(tolerance.bound(i));
        }
    }
}
