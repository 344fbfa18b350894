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
        return prepare(matrices.k(), matrices.n(), matrices.b()).verify(matrices, c);
    }

    /**
     * Draws the rounds' vectors r and computes B·r (and |B|·r) once, for every band of rows of A times this B: a band
     * then costs O(mk + mn) a round instead of O(kn). The vectors never leave the Hub, and a node answers a band
     * without knowing them, so each band's check keeps the guarantee a fresh draw gives.
     */
    public PreparedB prepare(int k, int n, float[] b) {
        if (k < 1 || n < 1 || b.length != (long) k * n) {
            throw new IllegalArgumentException("B has " + b.length + " entries, not " + k + " x " + n);
        }
        return new PreparedB(k, n, b);
    }

    /** One B's side of the checks: immutable, safe to share between threads. */
    public final class PreparedB {

        private final int k;
        private final int n;
        /** The largest |B|, or -1 when B is not integer-valued (then no band is checked exactly). */
        private final double maxB;
        private final float[] b;
        private final long[][] exactR;
        private final long[][] exactBr;
        /** Drawn and computed the first time a band needs them: a probe's integer product never does. */
        private volatile Rounded rounded;

        private PreparedB(int k, int n, float[] b) {
            this.k = k;
            this.n = n;
            this.b = b;
            this.maxB = MatmulOperands.integerMagnitude(b);
            exactR = new long[rounds][n];
            exactBr = new long[rounds][k];
            if (maxB >= 0) {
                synchronized (FreivaldsVerifier.this) {
                    for (long[] vector : exactR) {
                        for (int j = 0; j < n; j++) {
                            vector[j] = random.nextLong(1L << R_BITS);
                        }
                    }
                }
                // each row of B converted to longs once, reused by every round while it is in cache
                long[] row = new long[n];
                for (int p = 0; p < k; p++) {
                    toLongs(b, p * n, row, n);
                    for (int round = 0; round < rounds; round++) {
                        exactBr[round][p] = dot(row, exactR[round], n);
                    }
                }
            }
        }

        /** The rounds' r in [1, 2) and B·r, |B|·r in double. */
        private record Rounded(double[][] r, double[][] br, double[][] absBr) {
        }

        private Rounded rounded() {
            Rounded drawn = rounded;
            if (drawn != null) {
                return drawn;
            }
            synchronized (FreivaldsVerifier.this) {
                if (rounded == null) {
                    double[][] r = new double[rounds][n];
                    double[][] br = new double[rounds][k];
                    double[][] absBr = new double[rounds][k];
                    for (int round = 0; round < rounds; round++) {
                        // r in [1, 2): every entry weighs, so no element of C escapes a round
                        for (int j = 0; j < n; j++) {
                            r[round][j] = 1 + random.nextDouble();
                        }
                        for (int p = 0; p < k; p++) {
                            double sum = 0;
                            double absSum = 0;
                            int row = p * n;
                            for (int j = 0; j < n; j++) {
                                sum += b[row + j] * r[round][j];
                                absSum += Math.abs(b[row + j]) * r[round][j];
                            }
                            br[round][p] = sum;
                            absBr[round][p] = absSum;
                        }
                    }
                    rounded = new Rounded(r, br, absBr);
                }
                return rounded;
            }
        }

        /** Whether {@code c} is {@code band}'s A times this B; {@code band}'s B is not read. */
        public Verdict verify(MatmulOperands band, float[] c) {
            if (band.k() != k || band.n() != n) {
                throw new IllegalArgumentException("the band is " + band.m() + " x " + band.k() + " by " + band.k()
                        + " x " + band.n() + "; this B is " + k + " x " + n);
            }
            if (c == null || c.length != band.outputs()) {
                return Verdict.WRONG_RESULT;
            }
            boolean exact = MatmulOperands.exactInFp32(k, MatmulOperands.integerMagnitude(band.a()), maxB);
            return exact ? verifyExactly(band.m(), band.a(), c) : verifyWithinRounding(band.m(), band.a(), c);
        }

        /**
         * All rounds in one pass over A and C: each row is converted to longs once and reused by every round while it
         * is in cache, and C needs no copy. The verdict is the one round after round would give: every round must hold.
         */
        private Verdict verifyExactly(int m, float[] a, float[] c) {
            long[] aRow = new long[k];
            long[] cRow = new long[n];
            for (int i = 0; i < m; i++) {
                if (!exactRow(c, i * n, cRow, n)) {
                    return Verdict.WRONG_RESULT;
                }
                toLongs(a, i * k, aRow, k);
                for (int round = 0; round < rounds; round++) {
                    if (dot(aRow, exactBr[round], k) != dot(cRow, exactR[round], n)) {
                        return Verdict.WRONG_RESULT;
                    }
                }
            }
            return Verdict.SUCCESS;
        }

        private Verdict verifyWithinRounding(int m, float[] a, float[] c) {
            for (float value : c) {
                if (!Float.isFinite(value)) {
                    return Verdict.WRONG_RESULT;
                }
            }
            Rounded drawn = rounded();
            for (int round = 0; round < rounds; round++) {
                if (!roundedRoundHolds(drawn, round, m, a, c)) {
                    return Verdict.WRONG_RESULT;
                }
            }
            return Verdict.SUCCESS;
        }

        private boolean roundedRoundHolds(Rounded drawn, int round, int m, float[] a, float[] c) {
            double gamma = k * UNIT_ROUNDOFF / (1 - k * UNIT_ROUNDOFF);
            double[] r = drawn.r()[round];
            double[] br = drawn.br()[round];
            double[] absB = drawn.absBr()[round];
            for (int i = 0; i < m; i++) {
                double abr = 0;
                double bound = 0;
                int aRow = i * k;
                for (int p = 0; p < k; p++) {
                    abr += a[aRow + p] * br[p];
                    bound += Math.abs(a[aRow + p]) * absB[p];
                }
                double cr = 0;
                double absCr = 0;
                int cRow = i * n;
                for (int j = 0; j < n; j++) {
                    cr += c[cRow + j] * r[j];
                    absCr += Math.abs(c[cRow + j]) * r[j];
                }
                // the double sums lose at most (k + n)·2^-53 of their magnitudes; underflow up to the smallest
                // normal float per FP32 operation, whatever the magnitudes
                double allowed = 2 * gamma * bound + 2 * (k + n + 2) * DOUBLE_EPSILON * (bound + absCr)
                        + 2.0 * k * n * Float.MIN_NORMAL;
                if (!(Math.abs(cr - abr) <= allowed)) {
                    return false;
                }
            }
            return true;
        }
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
}
