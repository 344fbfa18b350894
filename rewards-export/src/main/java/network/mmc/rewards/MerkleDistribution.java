package network.mmc.rewards;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cumulative distribution tree of the Jito merkle-distributor program (SETTLEMENT.md §8):
 * {@code leaf = sha256(0x00 || sha256(wallet || u64le(cumulative) || u64le(0)))},
 * {@code parent = sha256(0x01 || min(a, b) || max(a, b))}; leaves sorted by wallet bytes; an odd node at
 * any level is paired with itself; a proof lists the siblings bottom-up.
 * <p>
 * Each level is one flat array of 32-byte hashes, hashed in chunks that every core takes in turn (one core
 * sorts the wallets first while the others start on the leaves); a proof is copied from the levels when asked
 * for, so building every proof costs no extra hashing, and {@link #forEachProof} hands out every proof in leaf
 * order rewriting only the siblings that change.
 */
public final class MerkleDistribution {

    private static final int HASH = 32;
    private static final int PARALLEL_THRESHOLD = 4096;
    private static final int CHUNK = 2048;
    private static final int DIGIT_BITS = 11;
    private static final int SORTED_BITS = 3 * DIGIT_BITS;
    private static final int RADIX = 1 << DIGIT_BITS;
    private static final VarHandle WALLET_PREFIX = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Comparator<Claim> BY_WALLET = (a, b) -> Arrays.compareUnsigned(a.walletBytes(), b.walletBytes());

    private final Claim[] input;
    private final int[] order;
    private final byte[][] levels;
    private final long total;

    private MerkleDistribution(Claim[] input, int[] order, byte[][] levels, long total) {
        this.input = input;
        this.order = order;
        this.levels = levels;
        this.total = total;
    }

    public static MerkleDistribution of(List<Claim> unsorted) {
        if (unsorted.isEmpty()) {
            throw new IllegalArgumentException("a distribution needs at least one claim");
        }
        int n = unsorted.size();
        Claim[] input = unsorted.toArray(Claim[]::new);
        // leaves are hashed in input order, where memory is read front to back, while one core sorts
        int[] order = new int[n];
        byte[] inputLeaves = new byte[n * HASH];
        AtomicLong total = new AtomicLong();
        inChunks(n, () -> sortByWallet(input, order), (first, last) -> {
            MessageDigest sha256 = sha256();
            byte[] preimage = new byte[48];
            byte[] outer = new byte[1 + HASH];
            long sum = 0;
            for (int i = first; i < last; i++) {
                leaf(sha256, preimage, outer, input[i], inputLeaves, i * HASH);
                sum = Math.addExact(sum, input[i].cumulative());
            }
            total.accumulateAndGet(sum, Math::addExact);
        });
        int height = 1;
        for (int width = n; width > 1; width = (width + 1) / 2) {
            height++;
        }
        byte[][] levels = new byte[height][];
        byte[] leaves = new byte[n * HASH];
        inChunks(n, null, (first, last) -> {
            for (int j = first; j < last; j++) {
                copyHash(inputLeaves, order[j] * HASH, leaves, j * HASH);
            }
        });
        levels[0] = leaves;
        for (int level = 1; level < height; level++) {
            byte[] below = levels[level - 1];
            int belowWidth = below.length / HASH;
            byte[] above = new byte[(belowWidth + 1) / 2 * HASH];
            inChunks(above.length / HASH, null, (first, last) -> {
                MessageDigest sha256 = sha256();
                byte[] preimage = new byte[1 + 2 * HASH];
                for (int i = first; i < last; i++) {
                    int left = 2 * i;
                    int right = left + 1 < belowWidth ? left + 1 : left;
                    parent(sha256, preimage, below, left * HASH, below, right * HASH, above, i * HASH);
                }
            });
            levels[level] = above;
        }
        return new MerkleDistribution(input, order, levels, total.get());
    }

    /**
     * Fills {@code order} with the input positions in wallet order. Each key holds a wallet's leading
     * {@value #SORTED_BITS} bits above its input index, and a radix sort of those orders almost everything;
     * wallets whose leading bits tie (some 60 pairs among a million random wallets) are then compared whole,
     * and only they can be the same wallet twice.
     */
    private static void sortByWallet(Claim[] input, int[] order) {
        int n = input.length;
        int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) WALLET_PREFIX.get(input[i].walletBytes(), 0) >>> indexBits) << indexBits | i;
        }
        radixSort(keys, Long.SIZE - SORTED_BITS);
        long indexMask = (1L << indexBits) - 1;
        long sortedMask = -1L << (Long.SIZE - SORTED_BITS);
        for (int j = 0; j < n; j++) {
            order[j] = (int) (keys[j] & indexMask);
        }
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && (keys[end] & sortedMask) == (keys[start] & sortedMask)) {
                end++;
            }
            if (end - start > 1) {
                Integer[] tied = new Integer[end - start];
                for (int k = 0; k < tied.length; k++) {
                    tied[k] = order[start + k];
                }
                Arrays.sort(tied, (x, y) -> BY_WALLET.compare(input[x], input[y]));
                for (int k = 0; k < tied.length; k++) {
                    if (k > 0 && BY_WALLET.compare(input[tied[k - 1]], input[tied[k]]) == 0) {
                        throw new IllegalArgumentException("wallet appears twice in one distribution");
                    }
                    order[start + k] = tied[k];
                }
            }
            start = end;
        }
    }

    /**
     * Least-significant-digit radix sort, unsigned, of bits {@code fromBit} and up: linear in the keys whatever
     * the wallets are. Keys equal in those bits keep their order, the stable passes' own.
     */
    private static void radixSort(long[] keys, int fromBit) {
        int n = keys.length;
        int passes = (Long.SIZE - fromBit + DIGIT_BITS - 1) / DIGIT_BITS;
        int[][] counts = new int[passes][RADIX];
        for (long key : keys) {
            for (int pass = 0; pass < passes; pass++) {
                counts[pass][(int) (key >>> (fromBit + pass * DIGIT_BITS)) & (RADIX - 1)]++;
            }
        }
        long[] from = keys;
        long[] to = new long[n];
        for (int pass = 0; pass < passes; pass++) {
            int shift = fromBit + pass * DIGIT_BITS;
            int[] starts = counts[pass];
            if (starts[(int) (from[0] >>> shift) & (RADIX - 1)] == n) {
                continue;
            }
            for (int digit = 0, start = 0; digit < RADIX; digit++) {
                int count = starts[digit];
                starts[digit] = start;
                start += count;
            }
            for (long key : from) {
                to[starts[(int) (key >>> shift) & (RADIX - 1)]++] = key;
            }
            long[] sorted = to;
            to = from;
            from = sorted;
        }
        if (from != keys) {
            System.arraycopy(from, 0, keys, 0, n);
        }
    }

    /** Leaf hash of one claim, exactly as the on-chain program computes it. */
    public static byte[] leaf(Claim claim) {
        byte[] out = new byte[HASH];
        leaf(sha256(), new byte[48], new byte[1 + HASH], claim, out, 0);
        return out;
    }

    /** Each preimage is assembled whole and hashed in one update: the digest's per-call cost is the larger part. */
    private static void leaf(MessageDigest sha256, byte[] preimage, byte[] outer, Claim claim, byte[] out, int offset) {
        copyHash(claim.walletBytes(), 0, preimage, 0);
        LONGS.set(preimage, 32, claim.cumulative());
        // preimage bytes 40..47 stay zero: u64le(0); outer byte 0 stays 0x00, the leaf prefix
        sha256.update(preimage);
        digestInto(sha256, outer, 1);
        sha256.update(outer);
        digestInto(sha256, out, offset);
    }

    private static void parent(MessageDigest sha256, byte[] preimage, byte[] a, int aOffset, byte[] b, int bOffset,
            byte[] out, int offset) {
        boolean aFirst = Arrays.compareUnsigned(a, aOffset, aOffset + HASH, b, bOffset, bOffset + HASH) <= 0;
        preimage[0] = 0x01;
        copyHash(aFirst ? a : b, aFirst ? aOffset : bOffset, preimage, 1);
        copyHash(aFirst ? b : a, aFirst ? bOffset : aOffset, preimage, 1 + HASH);
        sha256.update(preimage);
        digestInto(sha256, out, offset);
    }

    /** True when {@code proof} leads from {@code leaf} to {@code root}. */
    public static boolean verify(byte[] root, byte[] leaf, List<byte[]> proof) {
        MessageDigest sha256 = sha256();
        byte[] preimage = new byte[1 + 2 * HASH];
        byte[] node = leaf.clone();
        for (byte[] sibling : proof) {
            parent(sha256, preimage, node, 0, sibling, 0, node, 0);
        }
        return Arrays.equals(node, root);
    }

    public byte[] root() {
        return Arrays.copyOf(levels[levels.length - 1], HASH);
    }

    public long total() {
        return total;
    }

    public int size() {
        return order.length;
    }

    /** The claims in tree order (sorted by wallet bytes). */
    public Claim claim(int index) {
        return input[order[index]];
    }

    public byte[] leaf(int index) {
        return Arrays.copyOfRange(levels[0], index * HASH, index * HASH + HASH);
    }

    /** The proof as one array: the siblings' 32 bytes each, bottom-up, back to back (what storage and claims use). */
    public byte[] proofBytes(int index) {
        byte[] proof = new byte[proofLength()];
        proofInto(index, proof, 0);
        return proof;
    }

    /** Bytes of every proof in this tree: 32 per level above the leaves. */
    public int proofLength() {
        return (levels.length - 1) * HASH;
    }

    /** Writes the proof of leaf {@code index} into {@code out} at {@code offset}, so many proofs can share a buffer. */
    public void proofInto(int index, byte[] out, int offset) {
        if (index < 0 || index >= order.length) {
            throw new IndexOutOfBoundsException("leaf " + index + " of " + order.length);
        }
        siblingsInto(index, levels.length - 1, out, offset);
    }

    /**
     * Hands every proof to {@code consumer} in leaf order, each in the same buffer, which is only valid during
     * the call. Consecutive leaves share their upper siblings (leaf i and i - 1 differ from level
     * trailingZeros(i) up), so each step rewrites about two levels instead of the whole proof.
     */
    public void forEachProof(ProofConsumer consumer) {
        byte[] proof = new byte[proofLength()];
        int height = levels.length - 1;
        for (int index = 0; index < order.length; index++) {
            int changed = index == 0 ? height : Math.min(height, Integer.numberOfTrailingZeros(index) + 1);
            siblingsInto(index, changed, proof, 0);
            consumer.accept(index, proof);
        }
    }

    /** Receives one proof of {@link #forEachProof}: the siblings' bytes bottom-up, as {@link #proofBytes} has them. */
    @FunctionalInterface
    public interface ProofConsumer {
        void accept(int index, byte[] proof);
    }

    private void siblingsInto(int index, int levelCount, byte[] out, int offset) {
        for (int level = 0; level < levelCount; level++) {
            byte[] nodes = levels[level];
            int position = index >>> level;
            int sibling = (position ^ 1) < nodes.length / HASH ? position ^ 1 : position;
            copyHash(nodes, sibling * HASH, out, offset + level * HASH);
        }
    }

    /** Siblings bottom-up, one array each; the odd node at the end of a level is its own sibling. */
    public List<byte[]> proof(int index) {
        return siblings(proofBytes(index));
    }

    /** A proof as {@link #proofBytes} or {@link #forEachProof} give it, split into its 32-byte siblings. */
    public static List<byte[]> siblings(byte[] proof) {
        List<byte[]> siblings = new ArrayList<>(proof.length / HASH);
        for (int at = 0; at < proof.length; at += HASH) {
            siblings.add(Arrays.copyOfRange(proof, at, at + HASH));
        }
        return List.copyOf(siblings);
    }

    private interface Slice {
        void process(int first, int last);
    }

    /**
     * Runs {@code slice} over [0, count) in chunks that every core claims in turn, so that a core which first
     * runs {@code before} (when given) still shares the rest of the work with the others.
     */
    private static void inChunks(int count, Runnable before, Slice slice) {
        int workers = count < PARALLEL_THRESHOLD ? 1 : Runtime.getRuntime().availableProcessors();
        AtomicInteger nextChunk = new AtomicInteger();
        Runnable claimChunks = () -> {
            for (int first; (first = nextChunk.getAndIncrement() * CHUNK) < count; ) {
                slice.process(first, Math.min(count, first + CHUNK));
            }
        };
        CompletableFuture<?>[] helpers = new CompletableFuture<?>[workers - 1];
        for (int w = 0; w < helpers.length; w++) {
            Runnable work = w == 0 && before != null ? () -> {
                before.run();
                claimChunks.run();
            } : claimChunks;
            helpers[w] = CompletableFuture.runAsync(work);
        }
        if (helpers.length == 0 && before != null) {
            before.run();
        }
        claimChunks.run();
        try {
            CompletableFuture.allOf(helpers).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** One hash as four longs: for 32 bytes, cheaper than a call to System.arraycopy, and scattered reads overlap. */
    private static void copyHash(byte[] from, int fromOffset, byte[] to, int toOffset) {
        long a = (long) LONGS.get(from, fromOffset);
        long b = (long) LONGS.get(from, fromOffset + 8);
        long c = (long) LONGS.get(from, fromOffset + 16);
        long d = (long) LONGS.get(from, fromOffset + 24);
        LONGS.set(to, toOffset, a);
        LONGS.set(to, toOffset + 8, b);
        LONGS.set(to, toOffset + 16, c);
        LONGS.set(to, toOffset + 24, d);
    }

    private static void digestInto(MessageDigest sha256, byte[] out, int offset) {
        try {
            sha256.digest(out, offset, HASH);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 output does not fit", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
