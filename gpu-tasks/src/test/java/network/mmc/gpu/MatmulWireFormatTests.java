package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MatmulWireFormatTests {

    @Test
    void aGemmBodyCarriesTheSizesAndBothOperandsLittleEndian() {
        MatmulOperands operands = new MatmulOperands(2, 3, 1, new float[] {1, 2, 3, 4, 5, 6}, new float[] {0.5f, -1, 7});

        byte[] body = MatmulWireFormat.encodeOperands(operands);

        ByteBuffer read = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new int[] {read.getInt(), read.getInt(), read.getInt()}).containsExactly(2, 3, 1);
        assertThat(read.getFloat()).isEqualTo(1f);
        assertThat(body).hasSize(12 + 9 * 4);
        MatmulOperands decoded = MatmulWireFormat.decodeOperands(body);
        assertThat(decoded.a()).containsExactly(operands.a());
        assertThat(decoded.b()).containsExactly(operands.b());
        assertThat(new int[] {decoded.m(), decoded.k(), decoded.n()}).containsExactly(2, 3, 1);
    }

    @Test
    void refusesABodyWhoseLengthOrSizesDoNotAgree() {
        byte[] body = MatmulWireFormat.encodeOperands(new MatmulOperands(1, 1, 1, new float[] {1}, new float[] {2}));

        assertThatThrownBy(() -> MatmulWireFormat.decodeOperands(Arrays.copyOf(body, body.length - 1)))
                .hasMessage("the body has 19 bytes; m=1, k=1, n=1 need 20");
        assertThatThrownBy(() -> MatmulWireFormat.decodeOperands(new byte[5])).hasMessageContaining("less than the 12");
        ByteBuffer huge = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(1).putInt(-3).putInt(1);
        assertThatThrownBy(() -> MatmulWireFormat.decodeOperands(huge.array()))
                .hasMessage("sizes m=1, k=-3, n=1 must each be in [1, 16384]");
    }
}
