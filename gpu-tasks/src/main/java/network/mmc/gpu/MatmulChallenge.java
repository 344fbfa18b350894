package network.mmc.gpu;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A probe's task: multiply A (n x k) by B (k x n), both drawn from a seed. Entries are integers in
 * [-8, 8], so every partial sum stays below 2^24 in magnitude and FP32 computes C exactly in any
 * order: a GPU, a CPU and the verifier must agree bit for bit.
 */
public record MatmulChallenge(byte[] seed, int n, int k) {

    public static final int MAX_ENTRY = 8;
    /** Largest k for which k * MAX_ENTRY^2 fits in FP32's 24-bit significand. */
    public static final int MAX_K = (1 << 24) / (MAX_ENTRY * MAX_ENTRY);
    public static final int MAX_N = 16_384;

    public MatmulChallenge {
        if (seed == null || seed.length == 0) {
            throw new IllegalArgumentException("seed is missing");
        }
        if (n < 1 || n > MAX_N) {
            throw new IllegalArgumentException("n = " + n + " is outside [1, " + MAX_N + "]");
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k = " + k + " is outside [1, " + MAX_K + "] (FP32 exactness)");
        }
        seed = seed.clone();
    }

    public static MatmulChallenge of(String seedHex, int n, int k) {
        byte[] seed;
        try {
            seed = HexFormat.of().parseHex(seedHex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("seed '" + seedHex + "' is not hex");
        }
        return new MatmulChallenge(seed, n, k);
    }

    @Override
    public byte[] seed() {
        return seed.clone();
    }

    public String seedHex() {
        return HexFormat.of().formatHex(seed);
    }

    /** Floating-point operations of one multiplication, 2·n·k·n. */
    public double flops() {
        return 2.0 * n * k * n;
    }

    /** A (n x k) then B (k x n), row-major, from the stream SHA-256(seed || counter) read one byte per entry. */
    public MatmulOperands matrices() {
        return generate(seed, n, k, n);
    }

    /**
     * A (m x k) then B (k x n) drawn from {@code seed} as {@link #matrices()} draws them (the same stream, so a square
     * challenge gives the same matrices either way): integers in [-8, 8].
     */
    public static MatmulOperands generate(byte[] seed, int m, int k, int n) {
        EntryStream entries = new EntryStream(seed);
        float[] a = new float[m * k];
        entries.fill(a);
        float[] b = new float[k * n];
        entries.fill(b);
        return new MatmulOperands(m, k, n, a, b);
    }

    /**
     * Uniform entries in [-8, 8]: bytes of 255 are skipped, so 0..254 split evenly over 17 values. The Hub draws
     * 2·n·k entries for every probe it verifies, so a block's bytes are read in a tight loop through a table.
     */
    private static final class EntryStream {
        private static final int VALUES = 2 * MAX_ENTRY + 1;
        private static final int LIMIT = 256 / VALUES * VALUES;
        private static final float[] ENTRY = new float[LIMIT];
        private static final int BLOCK = 32;

        static {
            for (int value = 0; value < LIMIT; value++) {
                ENTRY[value] = value % VALUES - MAX_ENTRY;
            }
        }

        private final MessageDigest sha256;
        private final byte[] seed;
        private final ByteBuffer counter = ByteBuffer.allocate(Long.BYTES);
        private final byte[] block = new byte[BLOCK];
        private int position = BLOCK;
        private long blocks;

        EntryStream(byte[] seed) {
            try {
                this.sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
            this.seed = seed;
        }

        /** The stream's next {@code target.length} entries; the stream goes on after the byte that gave the last. */
        void fill(float[] target) {
            int filled = 0;
            while (filled < target.length) {
                if (position == BLOCK) {
                    nextBlock();
                }
                // each byte gives at most one entry: reading no more bytes than entries are missing never overshoots
                int end = Math.min(BLOCK, position + target.length - filled);
                for (; position < end; position++) {
                    int value = block[position] & 0xff;
                    if (value < LIMIT) {
                        target[filled++] = ENTRY[value];
                    }
                }
            }
        }

        /** SHA-256(seed || counter), the counter a big-endian long from 0. */
        private void nextBlock() {
            sha256.update(seed);
            sha256.update(counter.putLong(0, blocks++).array());
            try {
                sha256.digest(block, 0, BLOCK);
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-256 did not fill " + BLOCK + " bytes", e);
            }
            position = 0;
        }
    }
}
