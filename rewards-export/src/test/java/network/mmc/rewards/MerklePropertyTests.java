package network.mmc.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class MerklePropertyTests {

    @Property(tries = 60)
    void everyProofVerifiesAndAChangedAmountOrWalletDoesNot(@ForAll @IntRange(min = 1, max = 300) int size,
                                                            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] wallet = new byte[32];
            random.nextBytes(wallet);
            claims.add(new Claim(wallet, random.nextLong(1L << 40)));
        }
        MerkleDistribution tree = MerkleDistribution.of(claims);

        for (int i = 0; i < tree.size(); i++) {
            Claim claim = tree.claim(i);
            byte[] otherWallet = claim.wallet();
            otherWallet[31] ^= 1;
            assertThat(MerkleDistribution.verify(tree.root(), MerkleDistribution.leaf(claim), tree.proof(i))).isTrue();
            assertThat(MerkleDistribution.verify(tree.root(),
                    MerkleDistribution.leaf(new Claim(claim.wallet(), claim.cumulative() + 1)), tree.proof(i))).isFalse();
            assertThat(MerkleDistribution.verify(tree.root(),
                    MerkleDistribution.leaf(new Claim(otherWallet, claim.cumulative())), tree.proof(i))).isFalse();
        }
    }

    /**
     * Sizes past the parallel threshold, and wallets drawn from a few leading byte patterns (high bits set, and
     * long shared prefixes that tie in the radix sort), against a plain recomputation of SETTLEMENT.md §8.
     */
    @Property(tries = 25)
    void matchesAPlainRecomputationOfTheTreeAndEveryProof(@ForAll @IntRange(min = 1, max = 12_000) int size,
                                                          @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long seed)
            throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        List<Claim> claims = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] wallet = new byte[32];
            random.nextBytes(wallet);
            int shared = random.nextInt(4) * 5;
            Arrays.fill(wallet, 0, shared, (byte) (random.nextBoolean() ? 0xFF : 0x80));
            wallet[31] = (byte) i;
            wallet[30] = (byte) (i >>> 8);
            claims.add(new Claim(wallet, random.nextLong(1L << 40)));
        }
        List<Claim> sorted = new ArrayList<>(claims);
        sorted.sort((a, b) -> Arrays.compareUnsigned(a.wallet(), b.wallet()));
        List<byte[]> level = new ArrayList<>();
        for (Claim claim : sorted) {
            level.add(plainLeaf(claim));
        }
        List<List<byte[]>> levels = new ArrayList<>(List.of(level));
        while (level.size() > 1) {
            List<byte[]> above = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                above.add(plainParent(level.get(i), level.get(Math.min(i + 1, level.size() - 1))));
            }
            levels.add(above);
            level = above;
        }

        MerkleDistribution tree = MerkleDistribution.of(claims);

        assertThat(tree.root()).isEqualTo(level.get(0));
        List<byte[]> streamed = new ArrayList<>();
        tree.forEachProof((index, proof) -> {
            assertThat(index).isEqualTo(streamed.size());
            streamed.add(proof.clone());
        });
        assertThat(streamed).hasSize(size);
        for (int i = 0; i < size; i++) {
            assertThat(tree.claim(i).wallet()).isEqualTo(sorted.get(i).wallet());
            byte[] expected = new byte[32 * (levels.size() - 1)];
            for (int height = 0; height < levels.size() - 1; height++) {
                List<byte[]> nodes = levels.get(height);
                int position = i >>> height;
                int sibling = (position ^ 1) < nodes.size() ? position ^ 1 : position;
                System.arraycopy(nodes.get(sibling), 0, expected, 32 * height, 32);
            }
            assertThat(tree.proofBytes(i)).isEqualTo(expected);
            assertThat(streamed.get(i)).isEqualTo(expected);
        }
    }

    private static byte[] plainLeaf(Claim claim) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(claim.wallet());
        for (int b = 0; b < 8; b++) {
            sha256.update((byte) (claim.cumulative() >>> (8 * b)));
        }
        sha256.update(new byte[8]);
        byte[] inner = sha256.digest();
        sha256.update((byte) 0x00);
        return sha256.digest(inner);
    }

    private static byte[] plainParent(byte[] a, byte[] b) throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
        sha256.update((byte) 0x01);
        sha256.update(aFirst ? a : b);
        return sha256.digest(aFirst ? b : a);
    }
}
