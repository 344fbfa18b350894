package network.mmc.rewards;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The cumulative distribution tree of the Jito merkle-distributor program (SETTLEMENT.md §8):
 * {@code leaf = sha256(0x00 || sha256(wallet || u64le(cumulative) || u64le(0)))},
 * {@code parent = sha256(0x01 || min(a, b) || max(a, b))}; leaves sorted by wallet bytes; an odd node at
 * any level is paired with itself; a proof lists the siblings bottom-up. Levels are hashed in parallel
 * slices, each with its own digest.
 */
public final class MerkleDistribution {

    private static final int PARALLEL_THRESHOLD = 4096;

    private final Claim[] claims;
    private final byte[][][] levels;
    private final long total;

    private MerkleDistribution(Claim[] claims, byte[][][] levels, long total) {
        this.claims = claims;
        this.levels = levels;
        this.total = total;
    }

    public static MerkleDistribution of(List<Claim> unsorted) {
        if (unsorted.isEmpty()) {
            throw new IllegalArgumentException("a distribution needs at least one claim");
        }
        Claim[] claims = sortedByWallet(unsorted);
        long total = 0;
        for (int i = 0; i < claims.length; i++) {
            if (i > 0 && Arrays.equals(claims[i - 1].walletBytes(), claims[i].walletBytes())) {
                throw new IllegalArgumentException("wallet appears twice in one distribution");
            }
            total = Math.addExact(total, claims[i].cumulative());
        }
        int height = 1;
        for (int width = claims.length; width > 1; width = (width + 1) / 2) {
            height++;
        }
        byte[][][] levels = new byte[height][][];
        byte[][] leaves = new byte[claims.length][];
        slices(claims.length).forEach(slice -> {
            MessageDigest sha256 = sha256();
            ByteBuffer preimage = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = slice[0]; i < slice[1]; i++) {
                leaves[i] = leaf(sha256, preimage, claims[i]);
            }
        });
        levels[0] = leaves;
        for (int level = 1; level < height; level++) {
            byte[][] below = levels[level - 1];
            byte[][] above = new byte[(below.length + 1) / 2][];
            slices(above.length).forEach(slice -> {
                MessageDigest sha256 = sha256();
                for (int i = slice[0]; i < slice[1]; i++) {
                    byte[] left = below[2 * i];
                    above[i] = parent(sha256, left, 2 * i + 1 < below.length ? below[2 * i + 1] : left);
                }
            });
            levels[level] = above;
        }
        return new MerkleDistribution(claims, levels, total);
    }

    /** A claim with its wallet's first 8 bytes as an unsigned-ordered long: most comparisons end there. */
    private record Keyed(long prefix, Claim claim) {
    }

    private static Claim[] sortedByWallet(List<Claim> unsorted) {
        Keyed[] keyed = new Keyed[unsorted.size()];
        for (int i = 0; i < keyed.length; i++) {
            Claim claim = unsorted.get(i);
            keyed[i] = new Keyed(ByteBuffer.wrap(claim.walletBytes()).getLong() ^ Long.MIN_VALUE, claim);
        }
        Arrays.parallelSort(keyed, (a, b) -> a.prefix != b.prefix ? Long.compare(a.prefix, b.prefix)
                : Arrays.compareUnsigned(a.claim.walletBytes(), b.claim.walletBytes()));
        Claim[] claims = new Claim[keyed.length];
        for (int i = 0; i < keyed.length; i++) {
            claims[i] = keyed[i].claim;
        }
        return claims;
    }

    /** Leaf hash of one claim, exactly as the on-chain program computes it. */
    public static byte[] leaf(Claim claim) {
        return leaf(sha256(), ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN), claim);
    }

    private static byte[] leaf(MessageDigest sha256, ByteBuffer preimage, Claim claim) {
        preimage.clear();
        preimage.put(claim.walletBytes()).putLong(claim.cumulative()).putLong(0L);
        sha256.update(preimage.array());
        byte[] inner = sha256.digest();
        sha256.update((byte) 0x00);
        sha256.update(inner);
        return sha256.digest();
    }

    private static byte[] parent(MessageDigest sha256, byte[] a, byte[] b) {
        boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
        sha256.update((byte) 0x01);
        sha256.update(aFirst ? a : b);
        sha256.update(aFirst ? b : a);
        return sha256.digest();
    }

    /** True when {@code proof} leads from {@code leaf} to {@code root}. */
    public static boolean verify(byte[] root, byte[] leaf, List<byte[]> proof) {
        MessageDigest sha256 = sha256();
        byte[] node = leaf;
        for (byte[] sibling : proof) {
            node = parent(sha256, node, sibling);
        }
        return Arrays.equals(node, root);
    }

    public byte[] root() {
        return levels[levels.length - 1][0].clone();
    }

    public long total() {
        return total;
    }

    public int size() {
        return claims.length;
    }

    /** The claims in tree order (sorted by wallet bytes). */
    public Claim claim(int index) {
        return claims[index];
    }

    public byte[] leaf(int index) {
        return levels[0][index].clone();
    }

    /** Siblings bottom-up; the odd node at the end of a level is its own sibling. */
    public List<byte[]> proof(int index) {
        byte[][] siblings = new byte[levels.length - 1][];
        int position = index;
        for (int level = 0; level < levels.length - 1; level++) {
            byte[][] nodes = levels[level];
            int sibling = position ^ 1;
            siblings[level] = sibling < nodes.length ? nodes[sibling] : nodes[position];
            position /= 2;
        }
        return List.of(siblings);
    }

    private static Stream<int[]> slices(int count) {
        int workers = count < PARALLEL_THRESHOLD ? 1 : Runtime.getRuntime().availableProcessors();
        int size = (count + workers - 1) / workers;
        Stream<int[]> slices = IntStream.range(0, workers)
                .mapToObj(w -> new int[] {w * size, Math.min(count, (w + 1) * size)})
                .filter(slice -> slice[0] < slice[1]);
        return workers == 1 ? slices : slices.parallel();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
