package network.mmc.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class MerkleProofProperties {

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
}
