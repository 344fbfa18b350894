package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MatmulChallengeTests {

    @Test
    void sameSeedGivesTheSameMatricesAndAnotherSeedDifferentOnes() {
        MatmulOperands first = MatmulChallenge.of("00ff", 16, 24).matrices();
        MatmulOperands again = MatmulChallenge.of("00ff", 16, 24).matrices();
        MatmulOperands other = MatmulChallenge.of("00fe", 16, 24).matrices();

        assertThat(again.a()).containsExactly(first.a());
        assertThat(again.b()).containsExactly(first.b());
        assertThat(other.a()).isNotEqualTo(first.a());
    }

    @Test
    void entriesAreIntegersCoveringMinusEightToEight() {
        MatmulOperands matrices = MatmulChallenge.of("2a", 64, 64).matrices();

        for (float value : matrices.a()) {
            assertThat(value).isBetween(-8f, 8f).isEqualTo((float) Math.rint(value));
        }
        assertThat(matrices.b()).contains(-8f, 0f, 8f);
    }

    @Test
    void rejectsSizesThatWouldLoseFp32ExactnessAndBadSeeds() {
        assertThatThrownBy(() -> MatmulChallenge.of("01", 8, MatmulChallenge.MAX_K + 1))
                .hasMessageContaining("FP32 exactness");
        assertThatThrownBy(() -> MatmulChallenge.of("01", 0, 8)).hasMessageContaining("n = 0");
        assertThatThrownBy(() -> MatmulChallenge.of("xyz", 8, 8)).hasMessageContaining("not hex");
    }
}
