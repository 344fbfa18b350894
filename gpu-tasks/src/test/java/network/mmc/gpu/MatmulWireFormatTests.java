package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MatmulWireFormatTests {

    private final MatmulOperands operands = new MatmulOperands(2, 3, 1, new float[] {1, 2, 3, 4, 5, 6},
            new float[] {0.5f, -1, 7});
    private final byte[] bHash = MatmulWireFormat.hashOf(3, 1, operands.b());

    @Test
    void aGemmBodyCarriesTheSizesBsHashAndBothOperandsLittleEndian() {
        byte[] body = MatmulWireFormat.encodeGemm(operands, bHash);

        ByteBuffer read = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new int[] {read.getInt(), read.getInt(), read.getInt()}).containsExactly(2, 3, 1);
        assertThat(Arrays.copyOfRange(body, 12, 44)).containsExactly(bHash);
        assertThat(read.position(44).getInt()).isEqualTo(3 * Float.BYTES);
        assertThat(read.getFloat()).isEqualTo(1f);
        assertThat(body).hasSize(48 + 9 * 4);
        GemmUnit decoded = MatmulWireFormat.decodeGemm(body);
        assertThat(decoded.a()).containsExactly(operands.a());
        assertThat(decoded.b()).containsExactly(operands.b());
        assertThat(decoded.bHash()).containsExactly(bHash);
        assertThat(new int[] {decoded.m(), decoded.k(), decoded.n()}).containsExactly(2, 3, 1);
    }

    @Test
    void aBandForANodeThatKeepsBNamesItByHashAlone() {
        byte[] body = MatmulWireFormat.encodeGemmKept(operands, bHash);

        assertThat(body).hasSize(48 + 6 * 4);
        GemmUnit decoded = MatmulWireFormat.decodeGemm(body);
        assertThat(decoded.b()).isNull();
        assertThat(decoded.bHash()).containsExactly(bHash);
        assertThat(decoded.operands(operands.b()).a()).containsExactly(operands.a());
    }

    @Test
    void theHashNamesTheMatrixNotOnlyItsValues() {
        assertThat(MatmulWireFormat.hashOf(1, 3, operands.b())).isNotEqualTo(bHash);
        assertThat(MatmulWireFormat.hashOf(3, 1, new float[] {0.5f, -1, 7})).isEqualTo(bHash);
    }

    @Test
    void refusesABWhoseValuesDoNotHashToTheHashSent() {
        byte[] body = MatmulWireFormat.encodeGemm(operands, bHash);
        body[body.length - 1] ^= 1;

        assertThatThrownBy(() -> MatmulWireFormat.decodeGemm(body)).hasMessageStartingWith("B hashes to ")
                .hasMessageContaining("not to the " + HexFormat.of().formatHex(bHash) + " sent");
    }

    @Test
    void refusesABodyWhoseLengthOrSizesDoNotAgree() {
        MatmulOperands one = new MatmulOperands(1, 1, 1, new float[] {1}, new float[] {2});
        byte[] body = MatmulWireFormat.encodeGemm(one, MatmulWireFormat.hashOf(1, 1, one.b()));

        assertThatThrownBy(() -> MatmulWireFormat.decodeGemm(Arrays.copyOf(body, body.length - 1)))
                .hasMessage("the body has 55 bytes; m=1, k=1, n=1 with 4 bytes of B need 56");
        byte[] oddB = body.clone();
        ByteBuffer.wrap(oddB).order(ByteOrder.LITTLE_ENDIAN).putInt(44, 3);
        assertThatThrownBy(() -> MatmulWireFormat.decodeGemm(oddB))
                .hasMessage("B has 3 bytes; k=1, n=1 need 4 (or 0 to use the B kept under its hash)");
        assertThatThrownBy(() -> MatmulWireFormat.decodeGemm(Arrays.copyOf(body, body.length + 1)))
                .hasMessage("the body has 57 bytes; m=1, k=1, n=1 with 4 bytes of B need 56");
        assertThatThrownBy(() -> MatmulWireFormat.decodeGemm(new byte[5])).hasMessageContaining("less than the 48");
        ByteBuffer huge = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(-3).putInt(1);
        assertThatThrownBy(() -> MatmulWireFormat.decodeGemm(huge.array()))
                .hasMessage("sizes m=1, k=-3, n=1 must each be in [1, 16384]");
    }
}
