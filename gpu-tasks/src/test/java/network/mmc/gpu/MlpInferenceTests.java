package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MlpInferenceTests {

    private static final CpuMatmulExecutor CPU = new CpuMatmulExecutor(2);

    @AfterAll
    static void close() {
        CPU.close();
    }

    @Test
    void aSmallModelGivesTheOutputsWorkedByHand() {
        // 2 → 2 → 1: hidden = relu(x·W1 + b1), out = hidden·W2 + b2, no ReLU after the last layer
        MlpModel model = new MlpModel(List.of(
                new MlpModel.Layer(2, 2, new float[] {1, -1, 2, 1}, new float[] {0, -10}),
                new MlpModel.Layer(2, 1, new float[] {3, 5}, new float[] {-100})));

        float[] out = new MlpInference(CPU).infer(model, new float[] {1, 2, -3, 1}, 2).outputs();

        // row 1: x·W1 = (1+4, -1+2) = (5, 1), + b1 = (5, -9) → relu (5, 0); 15 + 0 - 100 = -85
        // row 2: x·W1 = (-3+2, 3+1) = (-1, 4), + b1 = (-1, -6) → relu (0, 0); -100
        assertThat(out).containsExactly(-85f, -100f);
    }

    @Test
    void theCpuExecutorLiesWithinTheToleranceOfATextbookForwardPassInDouble() {
        Random random = new Random(3);
        MlpModel model = TextbookMlp.random(random, 0.5, 64, 96, 48, 10);
        float[] inputs = TextbookMlp.inputs(random, 33, 64);

        float[] out = new MlpInference(CPU).infer(model, inputs, 33).outputs();

        double[] exact = TextbookMlp.of(model, inputs, 33);
        MlpTolerance tolerance = MlpTolerance.of(model, inputs, 33);
        assertThat(tolerance.firstMismatch(out)).isEqualTo(-1);
        for (int i = 0; i < out.length; i++) {
            // the exact value lies within the bound of the re-execution as well (a machine that sums exactly)
            assertThat(Math.abs(exact[i] - tolerance.reference()[i])).isLessThanOrEqualTo(tolerance.bound(i));
            assertThat(Math.abs(exact[i] - out[i])).isLessThanOrEqualTo(tolerance.bound(i));
        }
    }

    @Test
    void rowsThatDoNotMatchTheModelAreRefused() {
        MlpModel model = TextbookMlp.random(new Random(1), 1, 3, 2);

        assertThatThrownBy(() -> new MlpInference(CPU).infer(model, new float[5], 2))
                .hasMessage("2 rows of 3 inputs need 6 numbers, got 5");
    }
}
