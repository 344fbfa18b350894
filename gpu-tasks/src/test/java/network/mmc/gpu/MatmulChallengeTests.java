package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
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
    void theEntryStreamStaysTheOneEveryNodeDraws() {
        // pinned values: any change to the stream (SHA-256 blocks, skipped bytes, where B starts) breaks the protocol
        MatmulOperands square = MatmulChallenge.of("2a", 40, 56).matrices();
        MatmulOperands banded = MatmulChallenge.generate(new byte[] {1, 2, 3}, 8, 40, 24);

        assertThat(Arrays.copyOf(square.a(), 12)).containsExactly(-1, 7, -6, -5, -8, -8, -1, 8, -6, -1, 0, 3);
        assertThat(Arrays.hashCode(square.a())).isEqualTo(-464689151);
        assertThat(Arrays.hashCode(square.b())).isEqualTo(-1953667071);
        assertThat(Arrays.hashCode(banded.a())).isEqualTo(-111323135);
        assertThat(Arrays.hashCode(banded.b())).isEqualTo(-1204287487);
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
