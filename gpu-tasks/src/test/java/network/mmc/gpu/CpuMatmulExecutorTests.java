package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuMatmulExecutorTests {

    @Test
    void matchesTheTextbookProductExactlyOnOddSizes() {
        MatmulChallenge challenge = MatmulChallenge.of("c0ffee", 37, 131);
        ChallengeMatrices matrices = challenge.matrices();

        try (CpuMatmulExecutor executor = new CpuMatmulExecutor(3)) {
            MatmulResult result = executor.multiply(matrices);

            assertThat(result.c()).isEqualTo(TextbookProduct.of(matrices));
            assertThat(result.gflops(challenge)).isPositive();
        }
    }
}
