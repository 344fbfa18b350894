package network.mmc.gpu.training;

/**
 * The number format of exact training: Q16.16, a signed 32-bit integer v standing for v / 2^16. A product of two
 * Q16.16 numbers is taken in 64 bits and shifted right by 16 (an arithmetic shift: it rounds towards minus
 * infinity), so every node, the GPU and the CPU get the same bits. Sums are 64-bit; what is stored again as a
 * parameter, activation or error must fit 32 bits, and a value that does not is an error, never a wrap.
 */
public final class FixedPoint {

    public static final int FRACTION_BITS = 16;
    /** 1.0 in Q16.16. */
    public static final int ONE = 1 << FRACTION_BITS;

    private FixedPoint() {
    }

    /** a·b in Q16.16, floored; exact in 64 bits for any two 32-bit operands (|a·b| < 2^62). */
    public static long multiply(long a, long b) {
        return (a * b) >> FRACTION_BITS;
    }

    /** {@code value} as a Q16.16 int; throws naming {@code what} when it does not fit 32 bits. */
    public static int narrow(long value, String what) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new FixedPointOverflowException(what + " = " + value + "/2^16 leaves the Q16.16 range (|v| < 32768)");
        }
        return (int) value;
    }

    public static double toDouble(long value) {
        return value / (double) ONE;
    }
}
