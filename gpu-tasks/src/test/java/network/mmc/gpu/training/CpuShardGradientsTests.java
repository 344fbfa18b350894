package network.mmc.gpu.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CpuShardGradientsTests {

    private static final int ONE = FixedPoint.ONE;
    private final CpuShardGradients cpu = new CpuShardGradients();

    @Test
    void aOneOneOneNetworkHasTheGradientsWorkedOutByHand() {
        // given W1 = 1.5, b1 = 0, W2 = 2, b2 = 0, x = 1, target 1: a1 = 1.5, y = 3, δ2 = 2, δ1 = W2·δ2 = 4
        MlpParameters parameters = new MlpParameters(MlpShape.of(1, 1, 1), new int[] {3 * ONE / 2, 0, 2 * ONE, 0});
        Samples one = new Samples(1, 1, new int[] {ONE}, new int[] {0});

        // when
        GradientSums sums = cpu.gradients(parameters, one);

        // then dW1 = δ1·x = 4, db1 = 4, dW2 = δ2·a1 = 3, db2 = 2
        assertThat(sums.sums()).containsExactly(4L * ONE, 4L * ONE, 3L * ONE, 2L * ONE);
        assertThat(sums.samples()).isEqualTo(1);
    }

    @Test
    void productsAreFlooredSoNegativeHalvesRoundDown() {
        assertThat(FixedPoint.multiply(-1, ONE / 2)).isEqualTo(-1);
        assertThat(FixedPoint.multiply(1, ONE / 2)).isZero();
        assertThat(FixedPoint.multiply(-3 * ONE, ONE / 2)).isEqualTo(-3 * ONE / 2);
    }

    @Test
    void gradientsAreCloseToTextbookBackpropagationInDoubles() {
        // given a random 5-7-6-3 network and 20 samples
        SplittableRandom random = new SplittableRandom(11);
        MlpShape shape = MlpShape.of(5, 7, 6, 3);
        MlpParameters parameters = MlpParameters.initial(shape, 3);
        int[] features = random.ints(20 * 5, -ONE, ONE).toArray();
        int[] labels = random.ints(20, 0, 3).toArray();
        Samples samples = new Samples(5, 3, features, labels);

        // when
        GradientSums exact = cpu.gradients(parameters, samples);
        double[] textbook = TextbookBackprop.gradientSums(parameters, samples);

        // then each sum is within the flooring error of a few ulps of Q16.16 per sample and term
        for (int p = 0; p < textbook.length; p++) {
            assertThat(FixedPoint.toDouble(exact.sum(p))).as("parameter %d", p).isCloseTo(textbook[p], within(0.02));
        }
    }

    @Test
    void anActivationOutsideQ16IsAnErrorNotAWrap() {
        MlpParameters huge = new MlpParameters(MlpShape.of(1, 1, 1), new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE,
                ONE, 0});
        Samples one = new Samples(1, 1, new int[] {Integer.MAX_VALUE}, new int[] {0});

        assertThatThrownBy(() -> cpu.gradients(huge, one)).isInstanceOf(FixedPointOverflowException.class)
                .hasMessageContaining("z of unit 0 of layer 1");
    }

    @Test
    void samplesThatDoNotFitTheModelAreRefused() {
        MlpParameters parameters = MlpParameters.initial(MlpShape.of(4, 3, 2), 1);

        assertThatThrownBy(() -> cpu.gradients(parameters, new Samples(3, 2, new int[3], new int[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit the MLP [4, 3, 2]");
    }
}
