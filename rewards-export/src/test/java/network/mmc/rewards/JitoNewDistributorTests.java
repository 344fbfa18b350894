package network.mmc.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;

class JitoNewDistributorTests {

    private static final PublicKey PROGRAM = new PublicKey("mERKcfxMC5SqJn4Ld4BUris3WKZZ1ojjWJ3A3J5CKxv");

    @Test
    void encodesTheAnchorDiscriminatorAndArgumentsLittleEndian() {
        byte[] root = MerkleDistributionTests.filled(0x11);
        PublicKey admin = new PublicKey(MerkleDistributionTests.filled(2));
        PublicKey mint = new PublicKey(MerkleDistributionTests.filled(3));

        TransactionInstruction instruction = JitoNewDistributor.instruction(PROGRAM, admin, mint, admin, 7, root,
                8_500_000_043L, 3, new JitoNewDistributor.Schedule(100, 200, 300));

        byte[] data = instruction.getData();
        ByteBuffer fields = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data).hasSize(88);
        // sha256("global:new_distributor")[0..8]
        assertThat(HexFormat.of().formatHex(data, 0, 8)).isEqualTo("208b70ab0002e19b");
        assertThat(fields.getLong(8)).isEqualTo(7);
        assertThat(java.util.Arrays.copyOfRange(data, 16, 48)).isEqualTo(root);
        assertThat(fields.getLong(48)).isEqualTo(8_500_000_043L);
        assertThat(fields.getLong(56)).isEqualTo(3);
        assertThat(fields.getLong(64)).isEqualTo(100);
        assertThat(fields.getLong(72)).isEqualTo(200);
        assertThat(fields.getLong(80)).isEqualTo(300);
        assertThat(instruction.getKeys()).hasSize(8);
        assertThat(instruction.getKeys().get(0).getPublicKey()).isEqualTo(JitoNewDistributor.distributor(PROGRAM, mint, 7));
        assertThat(instruction.getKeys().get(4).isSigner()).isTrue();
    }
}
