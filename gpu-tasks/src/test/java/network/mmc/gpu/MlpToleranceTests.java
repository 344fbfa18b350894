package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MlpToleranceTests {

    @Test
    void gammaIsTheTextbookBoundOfAnInnerProduct() {
        assertThat(MlpTolerance.gamma(1)).isCloseTo(0x1p-24 / (1 - 0x1p-24), within(1e-30));
        assertThat(MlpTolerance.gamma(1025)).isCloseTo(1025 * 0x1p-24 / (1 - 1025 * 0x1p-24), within(1e-30));
    }

    @Test
    void sumsInAnotherOrderAndWithFusedMultiplyAddsStayWithinTheBound() {
        Random random = new Random(11);
        MlpModel model = TextbookMlp.random(random, 1.0, 256, 512, 256, 8);
        float[] inputs = TextbookMlp.inputs(random, 16, 256);
        MlpTolerance tolerance = MlpTolerance.of(model, inputs, 16);

        float[] reversed = reversedFma(model, inputs, 16);

        assertThat(reversed).isNotEqualTo(tolerance.reference());
        assertThat(tolerance.firstMismatch(reversed)).isEqualTo(-1);
    }

    @Test
    void anOutputChangedBeyondRoundingIsFound() {
        Random random = new Random(12);
        MlpModel model = TextbookMlp.random(random, 1.0, 32, 32, 4);
        float[] inputs = TextbookMlp.inputs(random, 8, 32);
        MlpTolerance tolerance = MlpTolerance.of(model, inputs, 8);
        float[] answer = tolerance.reference();
        // a worst case over three layers, the bound is still a small fraction of the value: 1 % is outside it
        answer[13] *= 1.01f;

        assertThat(tolerance.bound(13)).isLessThan(Math.abs(tolerance.reference()[13]) * 1e-3);
        assertThat(tolerance.firstMismatch(answer)).isEqualTo(13);
        float[] zeros = new float[answer.length];
        assertThat(tolerance.firstMismatch(zeros)).isNotEqualTo(-1);
    }

    @Test
    void anOverflowedOutputAcceptsOnlyANonFiniteAnswer() {
        MlpModel model = new MlpModel(List.of(new MlpModel.Layer(2, 1, new float[] {3e38f, 3e38f}, new float[] {0})));
        MlpTolerance tolerance = MlpTolerance.of(model, new float[] {1, 1}, 1);

        assertThat(tolerance.reference()[0]).isInfinite();
        assertThat(tolerance.firstMismatch(new float[] {Float.POSITIVE_INFINITY})).isEqualTo(-1);
        assertThat(tolerance.firstMismatch(new float[] {Float.MAX_VALUE})).isZero();
    }

    /** Each sum from the last input to the first, bias first, with fused multiply-adds: another machine's order. */
    private static float[] reversedFma(MlpModel model, float[] inputs, int rows) {
        float[] x = inputs;
        for (int l = 0; l < model.layers().size(); l++) {
            MlpModel.Layer layer = model.layers().get(l);
            float[] y = new float[rows * layer.outputs()];
            for (int row = 0; row < rows; row++) {
                for (int o = 0; o < layer.outputs(); o++) {
                    float sum = layer.biases()[o];
                    for (int i = layer.inputs() - 1; i >= 0; i--) {
                        sum = Math.fma(x[row * layer.inputs() + i], layer.weights()[i * layer.outputs() + o], sum);
                    }
                    y[row * layer.outputs() + o] = l < model.layers().size() - 1 ? Math.max(0, sum) : sum;
                }
            }
            x = y;
        }
        return x;
    }
}
