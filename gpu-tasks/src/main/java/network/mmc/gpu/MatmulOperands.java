package network.mmc.gpu;

/** The operands of C = A·B, row-major: A is m x k, B is k x n, so C is m x n. */
public record MatmulOperands(int m, int k, int n, float[] a, float[] b) {

    /** Largest magnitude of a product's partial sums that FP32 holds exactly: its 24-bit significand. */
    private static final double EXACT_LIMIT = 1 << 24;

    public MatmulOperands {
        if (m < 1 || k < 1 || n < 1) {
            throw new IllegalArgumentException("sizes " + m + "x" + k + " and " + k + "x" + n + " must be positive");
        }
        if (a.length != (long) m * k || b.length != (long) k * n) {
            throw new IllegalArgumentException("A has " + a.length + " and B " + b.length + " entries, expected "
                    + (long) m * k + " and " + (long) k * n);
        }
    }

    /** Floating-point operations of the product, 2·m·k·n. */
    public double flops() {
        return 2.0 * m * k * n;
    }

    /** Entries of C. */
    public int outputs() {
        return m * n;
    }

    /**
     * True when every entry is an integer and k·max|A|·max|B| ≤ 2^24: then every partial sum of every dot product
     * is an integer FP32 holds exactly, so C is the same in any summation order (GPU, CPU, any tiling).
     */
    public boolean exactInFp32() {
        return exactInFp32(k, integerMagnitude(a), integerMagnitude(b));
    }

    /** The rule of {@link #exactInFp32()} for an A and a B of these {@link #integerMagnitude}s, k apart. */
    static boolean exactInFp32(int k, double maxA, double maxB) {
        return maxA >= 0 && maxB >= 0 && k * maxA * maxB <= EXACT_LIMIT;
    }

    /**
     * The largest |entry|, or -1 when an entry is not an integer (NaN is not). Every float from 2^23 up is an integer;
     * below, one is when a round trip through int keeps it: cheaper than rounding. The verifier asks this of every
     * probe's A and B and of every band's A, so the loop has no early exit: without the branch it runs a few times
     * faster.
     */
    static double integerMagnitude(float[] matrix) {
        float max = 0;
        boolean integers = true;
        for (float value : matrix) {
            float magnitude = Math.abs(value);
            // NaN fails both tests, and a NaN max is never taken
            integers &= magnitude >= 0x1p23f | (float) (int) magnitude == magnitude;
            max = magnitude > max ? magnitude : max;
        }
        return integers ? max : -1;
    }

    /** Rows {@code first} (inclusive) to {@code last} (exclusive) of A, times all of B. */
    public MatmulOperands rows(int first, int last) {
        if (first < 0 || last > m || first >= last) {
            throw new IllegalArgumentException("rows [" + first + ", " + last + ") are not inside [0, " + m + ")");
        }
        float[] band = new float[(last - first) * k];
        System.arraycopy(a, first * k, band, 0, band.length);
        return new MatmulOperands(last - first, k, n, band, b);
    }
}
