package network.mmc.rewards;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The cumulative distribution tree of the Jito merkle-distributor program (SETTLEMENT.md §8):
 * {@code leaf = sha256(0x00 || sha256(wallet || u64le(cumulative) || u64le(0)))},
 * {@code parent = sha256(0x01 || min(a, b) || max(a, b))}; leaves sorted by wallet bytes; an odd node at
 * any level is paired with itself; a proof lists the siblings bottom-up.
 * <p>
 * Each level is one flat array of 32-byte hashes, hashed in parallel slices with a digest per slice; a
 * proof is copied from the levels when asked for, so building every proof costs no extra hashing.
 */
public final class MerkleDistribution {

    private static final int HASH = 32;
    private static final int PARALLEL_THRESHOLD = 4096;
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
        // leaf hashes and sort keys in one pass in input order, where memory is read front to back
        int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
        long indexMask = (1L << indexBits) - 1;
        long[] keys = new long[n];
        byte[] inputLeaves = new byte[n * HASH];
        inSlices(n, (first, last) -> {
            MessageDigest sha256 = sha256();
            byte[] preimage = new byte[48];
            byte[] inner = new byte[HASH];
            for (int i = first; i < last; i++) {
                byte[] wallet = input[i].walletBytes();
                keys[i] = ((prefix(wallet) >>> indexBits) << indexBits | i) ^ Long.MIN_VALUE;
                leaf(sha256, preimage, inner, input[i], inputLeaves, i * HASH);
            }
        });
        long total = 0;
        for (Claim claim : input) {
            total = Math.addExact(total, claim.cumulative());
        }
        int[] order = sortedOrder(input, keys, indexMask);
        byte[] leaves = new byte[n * HASH];
        for (int j = 0; j < n; j++) {
            System.arraycopy(inputLeaves, order[j] * HASH, leaves, j * HASH, HASH);
        }
        int height = 1;
        for (int width = n; width > 1; width = (width + 1) / 2) {
            height++;
        }
        byte[][] levels = new byte[height][];
        levels[0] = leaves;
        for (int level = 1; level < height; level++) {
            byte[] below = levels[level - 1];
            int belowWidth = below.length / HASH;
            byte[] above = new byte[(belowWidth + 1) / 2 * HASH];
            inSlices(above.length / HASH, (first, last) -> {
                MessageDigest sha256 = sha256();
                for (int i = first; i < last; i++) {
                    int left = 2 * i;
                    int right = left + 1 < belowWidth ? left + 1 : left;
                    parent(sha256, below, left * HASH, below, right * HASH, above, i * HASH);
                }
            });
            levels[level] = above;
        }
        return new MerkleDistribution(input, order, levels, total);
    }

    /**
     * Input positions in wallet order. The keys hold each wallet's leading bits above its input index, so one
     * parallel sort of longs orders almost everything; wallets whose leading bits tie are then compared whole
     * (only they can be the same wallet twice).
     */
    private static int[] sortedOrder(Claim[] input, long[] keys, long indexMask) {
        Arrays.parallelSort(keys);
        int n = keys.length;
        int[] order = new int[n];
        for (int j = 0; j < n; j++) {
            order[j] = (int) ((keys[j] ^ Long.MIN_VALUE) & indexMask);
        }
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && (keys[end] & ~indexMask) == (keys[start] & ~indexMask)) {
                end++;
            }
            if (end - start > 1) {
                Integer[] tied = new Integer[end - start];
                for (int k = 0; k < tied.length; k++) {
                    tied[k] = order[start + k];
                }
                Arrays.sort(tied, (a, b) -> BY_WALLET.compare(input[a], input[b]));
                for (int k = 0; k < tied.length; k++) {
                    if (k > 0 && BY_WALLET.compare(input[tied[k - 1]], input[tied[k]]) == 0) {
                        throw new IllegalArgumentException("wallet appears twice in one distribution");
                    }
                    order[start + k] = tied[k];
                }
            }
            start = end;
        }
        return order;
    }

    private static long prefix(byte[] wallet) {
        long prefix = 0;
        for (int i = 0; i < 8; i++) {
            prefix = prefix << 8 | (wallet[i] & 0xff);
        }
        return prefix;
    }

    /** Leaf hash of one claim, exactly as the on-chain program computes it. */
    public static byte[] leaf(Claim claim) {
        byte[] out = new byte[HASH];
        leaf(sha256(), new byte[48], new byte[HASH], claim, out, 0);
        return out;
    }

    private static void leaf(MessageDigest sha256, byte[] preimage, byte[] inner, Claim claim, byte[] out, int offset) {
        System.arraycopy(claim.walletBytes(), 0, preimage, 0, 32);
        long cumulative = claim.cumulative();
        for (int b = 0; b < 8; b++) {
            preimage[32 + b] = (byte) (cumulative >>> (8 * b));
        }
        // bytes 40..47 stay zero: u64le(0)
        sha256.update(preimage);
        digestInto(sha256, inner, 0);
        sha256.update((byte) 0x00);
        sha256.update(inner);
        digestInto(sha256, out, offset);
    }

    private static void parent(MessageDigest sha256, byte[] a, int aOffset, byte[] b, int bOffset, byte[] out, int offset) {
        boolean aFirst = Arrays.compareUnsigned(a, aOffset, aOffset + HASH, b, bOffset, bOffset + HASH) <= 0;
        sha256.update((byte) 0x01);
        sha256.update(aFirst ? a : b, aFirst ? aOffset : bOffset, HASH);
        sha256.update(aFirst ? b : a, aFirst ? bOffset : aOffset, HASH);
        digestInto(sha256, out, offset);
    }

    /** True when {@code proof} leads from {@code leaf} to {@code root}. */
    public static boolean verify(byte[] root, byte[] leaf, List<byte[]> proof) {
        MessageDigest sha256 = sha256();
        byte[] node = leaf.clone();
        for (byte[] sibling : proof) {
            parent(sha256, node, 0, sibling, 0, node, 0);
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
        for (int level = 0; level < levels.length - 1; level++) {
            byte[] nodes = levels[level];
            int position = index >>> level;
            int sibling = (position ^ 1) < nodes.length / HASH ? position ^ 1 : position;
            System.arraycopy(nodes, sibling * HASH, out, offset + level * HASH, HASH);
        }
    }

    /** Siblings bottom-up, one array each; the odd node at the end of a level is its own sibling. */
    public List<byte[]> proof(int index) {
        byte[] all = proofBytes(index);
        List<byte[]> siblings = new ArrayList<>(all.length / HASH);
        for (int at = 0; at < all.length; at += HASH) {
            siblings.add(Arrays.copyOfRange(all, at, at + HASH));
        }
        return List.copyOf(siblings);
    }

    private interface Slice {
        void hash(int first, int last);
    }

    private static void inSlices(int count, Slice slice) {
        int workers = count < PARALLEL_THRESHOLD ? 1 : Runtime.getRuntime().availableProcessors();
        int size = (count + workers - 1) / workers;
        IntStream slices = IntStream.range(0, workers).filter(w -> w * size < count);
        (workers == 1 ? slices : slices.parallel()).forEach(w -> slice.hash(w * size, Math.min(count, (w + 1) * size)));
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
