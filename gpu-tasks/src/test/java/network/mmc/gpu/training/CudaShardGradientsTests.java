package network.mmc.gpu.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.gpu.CudaModule;
import network.mmc.gpu.GpuUnavailableException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The GPU tests run where a CUDA driver and device are present and are reported as skipped elsewhere. */
class CudaShardGradientsTests {

    private static CudaShardGradients gpu;
    private static String unavailable;

    @BeforeAll
    static void openGpu() {
        try {
            gpu = CudaShardGradients.open(0);
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
    void committedPtxDeclaresBothKernelsForAnIsaThatDriver535Accepts() {
        String ptx = new String(CudaModule.ptx(CudaShardGradients.PTX_RESOURCE), StandardCharsets.US_ASCII);
        Matcher version = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)$").matcher(ptx);

        assertThat(ptx).contains(".entry mlp_forward_backward(", ".entry mlp_gradient_sums(").endsWith("\0");
        assertThat(version.find()).isTrue();
        assertThat(Integer.parseInt(version.group(1)) * 10 + Integer.parseInt(version.group(2))).isLessThanOrEqualTo(82);
    }

    @Test
    void gpuAndCpuGradientSumsAreBitIdentical() {
        assumeTrue(gpu != null, () -> "no GPU: " + unavailable);
        LabelledDataset iris = IrisDataset.load();
        CpuShardGradients cpu = new CpuShardGradients();
        MlpParameters trained = IrisDataset.referencePlan(30).trainLocally(iris.training(), cpu);
        assertThat(gpu.gradients(trained, iris.training())).isEqualTo(cpu.gradients(trained, iris.training()));

        // a deeper, wider model on random data with negative inputs, and a shard of one sample
        SplittableRandom random = new SplittableRandom(4);
        MlpParameters deep = MlpParameters.initial(MlpShape.of(33, 130, 70, 10), 9);
        Samples samples = new Samples(33, 10, random.ints(1000 * 33, -4 * FixedPoint.ONE, 4 * FixedPoint.ONE).toArray(),
                random.ints(1000, 0, 10).toArray());
        assertThat(gpu.gradients(deep, samples)).isEqualTo(cpu.gradients(deep, samples));
        assertThat(gpu.gradients(deep, samples.range(7, 8))).isEqualTo(cpu.gradients(deep, samples.range(7, 8)));
    }

    @Test
    void theGpuReportsAnOverflowAsTheCpuDoes() {
        assumeTrue(gpu != null, () -> "no GPU: " + unavailable);
        MlpParameters huge = new MlpParameters(MlpShape.of(1, 1, 1), new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE,
                FixedPoint.ONE, 0});
        Samples one = new Samples(1, 1, new int[] {Integer.MAX_VALUE}, new int[] {0});

        assertThatThrownBy(() -> gpu.gradients(huge, one)).isInstanceOf(FixedPointOverflowException.class);
    }
}
