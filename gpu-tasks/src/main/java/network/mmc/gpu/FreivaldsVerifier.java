package network.mmc.gpu;

import java.util.random.RandomGenerator;

/**
 * Checks a claimed C = A·B in O(mk + kn + mn) per round: A·(B·r) must equal C·r for random vectors r.
 * <p>
 * Operands that FP32 multiplies exactly ({@link MatmulOperands#exactInFp32()}: the probe's challenges, integer or
 * int8-quantised matrices) are checked exactly in 64-bit integers: a wrong C passes one round with probability at most
 * 2^-20 (entries of r are drawn from 2^20 values), so three rounds miss a wrong answer with probability below 2^-60.
 * Bounds: |B·r| ≤ 2^20·n·max|B| and |A·(B·r)| ≤ 2^20·n·k·max|A|·max|B| ≤ 2^44·n, inside a long.
 * <p>
 * Other FP32 operands are rounded differently by every summation order, so C·r is compared with A·(B·r) (in double)
 * within the rounding error any order may make: |C − A·B| ≤ γ_k·|A|·|B| elementwise with γ_k = k·u / (1 − k·u),
 * u = 2^-24 (Higham, Accuracy and Stability of Numerical Algorithms, §3.1), so row i may differ by
 * γ_k·(|A|·(|B|·r))_i. Twice that bound is allowed, plus what the double sums themselves may lose. With r in [1, 2),
 * an element of row i off by more than 6·γ_k·Σ_j (|A|·|B|)_ij fails every round, whatever the random draws; an error
 * within a few times the rounding bound is not detected: it is of the size FP32 itself permits.
 */
public final class FreivaldsVerifier {

    public enum Verdict { SUCCESS, WRONG_RESULT }

    private static final int R_BITS = 20;
    private static final double UNIT_ROUNDOFF = 0x1p-24;
    private static final double DOUBLE_EPSILON = 0x1p-53;

    private final RandomGenerator random;
    private final int rounds;

    public FreivaldsVerifier(RandomGenerator random, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds = " + rounds + ", need at least 1");
        }
        this.random = random;
        this.rounds = rounds;
    }

    public Verdict verify(MatmulOperands matrices, float[] c) {
        if (c == null || c.length != matrices.outputs()) {
            return Verdict.WRONG_RESULT;
        }
        return matrices.exactInFp32() ? verifyExactly(matrices, c) : verifyWithinRounding(matrices, c);
    }

    /**
     * All rounds in one pass over A, B and C: each row is converted to longs once and reused by every round while it is
     * in cache, and C needs no copy. The verdict is the one round after round would give: every round must hold.
     */
    private Verdict verifyExactly(MatmulOperands matrices, float[] c) {
        int m = matrices.m();
        int n = matrices.n();
        int k = matrices.k();
        float[] a = matrices.a();
        float[] b = matrices.b();
        long[][] r = new long[rounds][n];
        for (long[] vector : r) {
            for (int j = 0; j < n; j++) {
                vector[j] = random.nextLong(1L << R_BITS);
            }
        }
        long[][] br = new long[rounds][k];
        long[] row = new long[Math.max(n, k)];
        for (int p = 0; p < k; p++) {
            toLongs(b, p * n, row, n);
            for (int round = 0; round < rounds; round++) {
                br[round][p] = dot(row, r[round], n);
            }
        }
        long[] cRow = new long[n];
        for (int i = 0; i < m; i++) {
            if (!exactRow(c, i * n, cRow, n)) {
                return Verdict.WRONG_RESULT;
            }
            toLongs(a, i * k, row, k);
            for (int round = 0; round < rounds; round++) {
                if (dot(row, br[round], k) != dot(cRow, r[round], n)) {
                    return Verdict.WRONG_RESULT;
                }
            }
        }
        return Verdict.SUCCESS;
    }

    private static void toLongs(float[] matrix, int from, long[] row, int length) {
        for (int j = 0; j < length; j++) {
            row[j] = (long) matrix[from + j];
        }
    }

    /** Row of C as longs; false when an entry cannot be a product of integer matrices (NaN, infinite, a fraction). */
    private static boolean exactRow(float[] c, int from, long[] row, int length) {
        boolean exact = true;
        for (int j = 0; j < length; j++) {
            float value = c[from + j];
            long whole = (long) value;
            exact &= whole == value & Math.abs(whole) <= 1L << 24;
            row[j] = whole;
        }
        return exact;
    }

    private static long dot(long[] x, long[] y, int length) {
        long sum = 0;
        for (int j = 0; j < length; j++) {
            sum += x[j] * y[j];
        }
        return sum;
    }

    private Verdict verifyWithinRounding(MatmulOperands matrices, float[] c) {
        for (float value : c) {
            if (!Float.isFinite(value)) {
                return Verdict.WRONG_RESULT;
            }
        }
        for (int round = 0; round < rounds; round++) {
            if (!roundedRoundHolds(matrices, c)) {
                return Verdict.WRONG_RESULT;
            }
        }
        return Verdict.SUCCESS;
    }

    private boolean roundedRoundHolds(MatmulOperands matrices, float[] c) {
        int m = matrices.m();
        int n = matrices.n();
        int k = matrices.k();
        float[] a = matrices.a();
        float[] b = matrices.b();
        double gamma = k * UNIT_ROUNDOFF / (1 - k * UNIT_ROUNDOFF);
        // r in [1, 2): every entry weighs, so no element of C escapes a round
        double[] r = new double[n];
        for (int j = 0; j < n; j++) {
            r[j] = 1 + random.nextDouble();
        }
        double[] br = new double[k];
        double[] absBr = new double[k];
        for (int p = 0; p < k; p++) {
            double sum = 0;
            double absSum = 0;
            int row = p * n;
            for (int j = 0; j < n; j++) {
                sum += b[row + j] * r[j];
                absSum += Math.abs(b[row + j]) * r[j];
            }
            br[p] = sum;
            absBr[p] = absSum;
        }
        for (int i = 0; i < m; i++) {
            double abr = 0;
            double bound = 0;
            int aRow = i * k;
            for (int p = 0; p < k; p++) {
                abr += a[aRow + p] * br[p];
                bound += Math.abs(a[aRow + p]) * absBr[p];
            }
            double cr = 0;
            double absCr = 0;
            int cRow = i * n;
            for (int j = 0; j < n; j++) {
                cr += c[cRow + j] * r[j];
                absCr += Math.abs(c[cRow + j]) * r[j];
            }
            // the double sums lose at most (k + n)·2^-53 of their magnitudes; underflow up to the smallest normal
            // float per FP32 operation, whatever the magnitudes
            double allowed = 2 * gamma * bound + 2 * (k + n + 2) * DOUBLE_EPSILON * (bound + absCr)
                    + 2.0 * k * n * Float.MIN_NORMAL;
            if (!(Math.abs(cr - abr) <= allowed)) {
                return false;
            }
        }
        return true;
    }
}
