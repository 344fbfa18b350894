package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CpuMatmulExecutorTests {

    @Test
    void matchesTheTextbookProductExactlyOnOddSizes() {
        MatmulChallenge challenge = MatmulChallenge.of("c0ffee", 37, 131);
        MatmulOperands matrices = challenge.matrices();

        try (CpuMatmulExecutor executor = new CpuMatmulExecutor(3)) {
            MatmulResult result = executor.multiply(matrices);

            assertThat(result.c()).isEqualTo(TextbookProduct.of(matrices));
            assertThat(result.gflops(challenge)).isPositive();
        }
    }

    @Test
    void multipliesRectangularOperands() {
        MatmulOperands operands = MatmulChallenge.generate(new byte[] {9}, 23, 70, 5);

        try (CpuMatmulExecutor executor = new CpuMatmulExecutor(2)) {
            assertThat(executor.multiply(operands).c()).isEqualTo(TextbookProduct.of(operands));
        }
    }

    @Test
    void aBandOfRowsGivesThoseRowsOfTheProduct() {
        MatmulOperands operands = MatmulChallenge.generate(new byte[] {4}, 30, 12, 9);
        float[] whole = TextbookProduct.of(operands);

        float[] band = TextbookProduct.of(operands.rows(10, 17));

        assertThat(band).containsExactly(Arrays.copyOfRange(whole, 10 * 9, 17 * 9));
    }
}
