package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import network.mmc.gpu.FreivaldsVerifier.Verdict;
import org.junit.jupiter.api.Test;

class FreivaldsVerifierTests {

    private final MatmulOperands matrices = MatmulChallenge.of("5eed", 48, 40).matrices();
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
    void rejectsFractionsNanInfinityAndTheWrongShape() {
        float[] fraction = product.clone();
        fraction[5] += 0.5f;
        float[] nan = product.clone();
        nan[0] = Float.NaN;
        float[] infinite = product.clone();
        infinite[product.length - 1] = Float.POSITIVE_INFINITY;

        assertThat(verifier.verify(matrices, fraction)).isEqualTo(Verdict.WRONG_RESULT);
        assertThat(verifier.verify(matrices, nan)).isEqualTo(Verdict.WRONG_RESULT);
        assertThat(verifier.verify(matrices, infinite)).isEqualTo(Verdict.WRONG_RESULT);
        assertThat(verifier.verify(matrices, new float[3])).isEqualTo(Verdict.WRONG_RESULT);
        assertThat(verifier.verify(matrices, null)).isEqualTo(Verdict.WRONG_RESULT);
    }

    @Test
    void checksRectangularIntegerProductsExactly() {
        MatmulOperands rectangular = MatmulChallenge.generate(new byte[] {3}, 17, 29, 11);
        float[] c = TextbookProduct.of(rectangular);
        float[] tampered = c.clone();
        tampered[c.length - 1] -= 1;

        assertThat(rectangular.exactInFp32()).isTrue();
        assertThat(verifier.verify(rectangular, c)).isEqualTo(Verdict.SUCCESS);
        assertThat(verifier.verify(rectangular, tampered)).isEqualTo(Verdict.WRONG_RESULT);
    }

    @Test
    void oneBPreparedOnceChecksEveryBandOfItsProduct() {
        MatmulOperands product = MatmulChallenge.generate(new byte[] {9}, 24, 31, 13);
        float[] c = TextbookProduct.of(product);
        FreivaldsVerifier.PreparedB b = verifier.prepare(31, 13, product.b());

        for (int first = 0; first < 24; first += 8) {
            MatmulOperands band = product.rows(first, first + 8);
            float[] bandC = Arrays.copyOfRange(c, first * 13, (first + 8) * 13);
            float[] tampered = bandC.clone();
            tampered[first % 13] += 1;

            assertThat(b.verify(band, bandC)).as("band from row %d", first).isEqualTo(Verdict.SUCCESS);
            assertThat(b.verify(band, tampered)).as("band from row %d", first).isEqualTo(Verdict.WRONG_RESULT);
        }
    }

    @Test
    void aBandThatFp32MultipliesExactlyIsCheckedExactlyEvenWhereRoundingWouldAllowAnError() {
        // k·max|A|·max|B| = 64·512·512 = 2^24: every sum is exact, and the rounding bound there is hundreds
        float[] a = new float[2 * 64];
        float[] b = new float[64 * 3];
        Arrays.fill(a, 512);
        Arrays.fill(b, 512);
        MatmulOperands band = new MatmulOperands(2, 64, 3, a, b);
        float[] c = new float[6];
        Arrays.fill(c, 1 << 24);
        float[] offByOne = c.clone();
        offByOne[4] -= 1;
        FreivaldsVerifier.PreparedB prepared = verifier.prepare(64, 3, b);

        assertThat(prepared.verify(band, c)).isEqualTo(Verdict.SUCCESS);
        assertThat(prepared.verify(band, offByOne)).isEqualTo(Verdict.WRONG_RESULT);
    }

    @Test
    void aFractionalBandOfAnIntegerBIsCheckedWithinRounding() {
        MatmulOperands integerB = MatmulChallenge.generate(new byte[] {4}, 6, 40, 7);
        MatmulOperands fractionalA = new MatmulOperands(6, 40, 7, fractional(new SplittableRandom(5), 6, 40, 1).a(),
                integerB.b());
        float[] c = TextbookProduct.rounded(fractionalA);
        FreivaldsVerifier.PreparedB b = verifier.prepare(40, 7, integerB.b());
        float[] tampered = c.clone();
        tampered[10] += 0.5f;

        assertThat(b.verify(fractionalA, c)).isEqualTo(Verdict.SUCCESS);
        assertThat(b.verify(fractionalA, tampered)).isEqualTo(Verdict.WRONG_RESULT);
        assertThat(b.verify(integerB, TextbookProduct.of(integerB))).isEqualTo(Verdict.SUCCESS);
    }

    @Test
    void acceptsEveryRoundingOfFractionalOperandsAndCatchesAnElementOffByAHalf() {
        MatmulOperands fractional = fractional(new SplittableRandom(11), 33, 257, 19);
        float[] roundedOnce = TextbookProduct.rounded(fractional);
        float[] summedInFloat;
        try (CpuMatmulExecutor cpu = new CpuMatmulExecutor(2)) {
            summedInFloat = cpu.multiply(fractional).c();
        }

        assertThat(fractional.exactInFp32()).isFalse();
        assertThat(summedInFloat).isNotEqualTo(roundedOnce);
        assertThat(verifier.verify(fractional, roundedOnce)).isEqualTo(Verdict.SUCCESS);
        assertThat(verifier.verify(fractional, summedInFloat)).isEqualTo(Verdict.SUCCESS);
        for (int index = 0; index < roundedOnce.length; index += 7) {
            float[] tampered = roundedOnce.clone();
            tampered[index] += 0.5f;

            assertThat(verifier.verify(fractional, tampered)).as("element %d", index).isEqualTo(Verdict.WRONG_RESULT);
        }
        float[] infinite = roundedOnce.clone();
        infinite[3] = Float.POSITIVE_INFINITY;
        assertThat(verifier.verify(fractional, infinite)).isEqualTo(Verdict.WRONG_RESULT);
    }

    @Test
    void integerOperandsTooLargeForFp32AreCheckedWithinRounding() {
        float[] a = {4096, 4096};
        float[] b = {4097, 4097};
        MatmulOperands large = new MatmulOperands(1, 2, 1, a, b);

        assertThat(large.exactInFp32()).isFalse();
        assertThat(verifier.verify(large, new float[] {(float) (2.0 * 4096 * 4097)})).isEqualTo(Verdict.SUCCESS);
        assertThat(verifier.verify(large, new float[] {2f * 4096 * 4097 + 4096})).isEqualTo(Verdict.WRONG_RESULT);
    }

    /** Uniform entries in (-1, 1): no product of them is exact in FP32. */
    static MatmulOperands fractional(SplittableRandom random, int m, int k, int n) {
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextDouble(-1, 1);
        }
        return new MatmulOperands(m, k, n, a, b);
    }

    @Test
    void operandsAreExactOnlyWhenEveryEntryIsAnIntegerSmallEnough() {
        float[] identity = {1, 0, 0, 1};
        assertThat(new MatmulOperands(2, 2, 2, new float[] {-3, 4, 0x1p11f, -7}, identity).exactInFp32()).isTrue();
        assertThat(new MatmulOperands(2, 2, 2, new float[] {1, 2, 3, 2.5f}, identity).exactInFp32()).isFalse();
        assertThat(new MatmulOperands(2, 2, 2, new float[] {1, 2, 3, -0.5f}, identity).exactInFp32()).isFalse();
        assertThat(new MatmulOperands(2, 2, 2, new float[] {1, Float.NaN, 3, 4}, identity).exactInFp32()).isFalse();
        assertThat(new MatmulOperands(2, 2, 2, new float[] {1, 2, 3, 4}, new float[] {1, 0, Float.NaN, 1})
                .exactInFp32()).isFalse();
        // integers all of them, but their products' sums leave FP32's 24 bits
        assertThat(new MatmulOperands(2, 2, 2, new float[] {0x1p30f, 2, 3, 4}, identity).exactInFp32()).isFalse();
        assertThat(new MatmulOperands(2, 2, 2, new float[] {Float.POSITIVE_INFINITY, 2, 3, 4}, identity)
                .exactInFp32()).isFalse();
    }
}
