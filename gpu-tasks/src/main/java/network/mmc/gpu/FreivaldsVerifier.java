package network.mmc.gpu;

import java.util.random.RandomGenerator;

/**
 * Checks a claimed C = A·B in O(n²) per round: A·(B·r) must equal C·r for random vectors r, in exact
 * 64-bit integer arithmetic. A wrong C passes one round with probability at most 2^-20 (entries of r
 * are drawn from 2^20 values), so three rounds miss a wrong answer with probability below 2^-60.
 * Bounds: |B·r| ≤ 8·2^20·n and |A·(B·r)| ≤ 64·2^20·n·k, far inside a long for the challenge limits.
 */
public final class FreivaldsVerifier {

    public enum Verdict { SUCCESS, WRONG_RESULT }

    private static final int R_BITS = 20;

    private final RandomGenerator random;
    private final int rounds;

    public FreivaldsVerifier(RandomGenerator random, int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds = " + rounds + ", need at least 1");
        }
        this.random = random;
        this.rounds = rounds;
    }

    public Verdict verify(ChallengeMatrices matrices, float[] c) {
        int n = matrices.n();
        if (c == null || c.length != n * n) {
            return Verdict.WRONG_RESULT;
        }
        long[] exactC = new long[c.length];
        for (int i = 0; i < c.length; i++) {
            float value = c[i];
            long whole = (long) value;
            // NaN, infinities and fractions cannot be a product of integer matrices
            if (whole != value || Math.abs(whole) > (1L << 24)) {
                return Verdict.WRONG_RESULT;
            }
            exactC[i] = whole;
        }
        for (int round = 0; round < rounds; round++) {
            if (!roundHolds(matrices, exactC)) {
                return Verdict.WRONG_RESULT;
            }
        }
        return Verdict.SUCCESS;
    }

    private boolean roundHolds(ChallengeMatrices matrices, long[] c) {
        int n = matrices.n();
        int k = matrices.k();
        float[] a = matrices.a();
        float[] b = matrices.b();
        long[] r = new long[n];
        for (int j = 0; j < n; j++) {
            r[j] = random.nextLong(1L << R_BITS);
        }
        long[] br = new long[k];
        for (int p = 0; p < k; p++) {
            long sum = 0;
            int row = p * n;
            for (int j = 0; j < n; j++) {
                sum += (long) b[row + j] * r[j];
            }
            br[p] = sum;
        }
        for (int i = 0; i < n; i++) {
            long abr = 0;
            int aRow = i * k;
            for (int p = 0; p < k; p++) {
                abr += (long) a[aRow + p] * br[p];
            }
            long cr = 0;
            int cRow = i * n;
            for (int j = 0; j < n; j++) {
                cr += c[cRow + j] * r[j];
            }
            if (abr != cr) {
                return false;
            }
        }
        return true;
    }
}
