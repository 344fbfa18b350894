package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import network.mmc.gpu.FreivaldsVerifier.Verdict;
import org.junit.jupiter.api.Test;

class FreivaldsVerifierTests {

    private final ChallengeMatrices matrices = MatmulChallenge.of("5eed", 48, 40).matrices();
    private final float[] product = TextbookProduct.of(matrices);
    private final FreivaldsVerifier verifier = new FreivaldsVerifier(new SplittableRandom(7), 3);

    @Test
    void acceptsTheTrueProduct() {
        assertThat(verifier.verify(matrices, product)).isEqualTo(Verdict.SUCCESS);
    }

    @Test
    void catchesEverySingleElementChangedByOne() {
        for (int index = 0; index < product.length; index++) {
            float[] tampered = product.clone();
            tampered[index] += (index % 2 == 0) ? 1 : -1;

            assertThat(verifier.verify(matrices, tampered)).as("element %d", index).isEqualTo(Verdict.WRONG_RESULT);
        }
    }

    @Test
    void rejectsFractionsNanAndTheWrongShape() {
        float[] fraction = product.clone();
        fraction[5] += 0.5f;
        float[] nan = product.clone();
        nan[0] = Float.NaN;

        assertThat(verifier.verify(matrices, fraction)).isEqualTo(Verdict.WRONG_RESULT);
        assertThat(verifier.verify(matrices, nan)).isEqualTo(Verdict.WRONG_RESULT);
        assertThat(verifier.verify(matrices, new float[3])).isEqualTo(Verdict.WRONG_RESULT);
        assertThat(verifier.verify(matrices, null)).isEqualTo(Verdict.WRONG_RESULT);
    }
}
