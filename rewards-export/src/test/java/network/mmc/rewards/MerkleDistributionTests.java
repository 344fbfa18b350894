package network.mmc.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.utils.Base58;

class MerkleDistributionTests {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void reproducesTestVectorB() {
        byte[] ones = new byte[32];
        for (int i = 0; i < 32; i++) {
            ones[i] = (byte) (i + 1);
        }
        byte[] fives = filled(0x05);
        byte[] aas = filled(0xAA);
        assertThat(Base58.encode(ones)).isEqualTo("4wBqpZM9xaSheZzJSMawUKKwhdpChKbZ5eu5ky4Vigw");
        assertThat(Base58.encode(fives)).isEqualTo("LbUiWL3xVV8hTFYBVdbTNrpDo41NKS6o3LHHuDzjfcY");
        assertThat(Base58.encode(aas)).isEqualTo("CVDFLCAjXhVWiPXH9nTCTpCgVzmDVoiPzNJYuccr1dqB");

        MerkleDistribution tree = MerkleDistribution.of(List.of(new Claim(aas, 42), new Claim(ones, 1_500_000_000L),
                new Claim(fives, 7_000_000_001L)));

        assertThat(HEX.formatHex(tree.root())).isEqualTo("c7fa2e7a72ac46525dabf98c7a533e8b77d14c00dfc73198a64be6b834070ac0");
        assertThat(tree.total()).isEqualTo(8_500_000_043L);
        assertThat(tree.claim(2).wallet()).isEqualTo(aas);
        assertThat(HEX.formatHex(tree.leaf(2))).isEqualTo("ac3e8fc5bfc6c02cf4a830acf927bab7333dfb3aa636c4f7447843b23d542ba2");
        assertThat(tree.proof(2)).map(HEX::formatHex).containsExactly(
                "ac3e8fc5bfc6c02cf4a830acf927bab7333dfb3aa636c4f7447843b23d542ba2",
                "db7a4a5293adf50d24c6954f0579cb734c8784bc85abeea7174162633bdd937b");
        assertThat(HEX.formatHex(tree.proofBytes(2))).isEqualTo("ac3e8fc5bfc6c02cf4a830acf927bab7333dfb3aa636c4f7447843b23d542ba2"
                + "db7a4a5293adf50d24c6954f0579cb734c8784bc85abeea7174162633bdd937b");
        assertThat(DistributionMemo.of(3, tree.root(), tree.total(), tree.size())).isEqualTo(
                "mmc-distribution:v3:c7fa2e7a72ac46525dabf98c7a533e8b77d14c00dfc73198a64be6b834070ac0:8500000043:3");
    }

    @Test
    void aSingleClaimIsItsOwnRootAndDuplicatesAreRefused() {
        Claim only = new Claim(filled(1), 5);
        MerkleDistribution tree = MerkleDistribution.of(List.of(only));

        assertThat(tree.root()).isEqualTo(MerkleDistribution.leaf(only));
        assertThat(tree.proof(0)).isEmpty();
        assertThatThrownBy(() -> MerkleDistribution.of(List.of(only, new Claim(filled(1), 6))))
                .hasMessageContaining("twice");
    }

    static byte[] filled(int value) {
        byte[] bytes = new byte[32];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }
}
