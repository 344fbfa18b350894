package network.mmc.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MlpWireFormatTests {

    @Test
    void aUnitReadsBackAsItWasWritten() {
        Random random = new Random(5);
        MlpModel model = TextbookMlp.random(random, 1, 5, 7, 3);
        float[] inputs = TextbookMlp.inputs(random, 4, 5);

        byte[] body = MlpWireFormat.encodeUnit(model, inputs, 4);
        MlpWireFormat.Unit unit = MlpWireFormat.decodeUnit(body);

        assertThat(body).hasSize((int) MlpWireFormat.unitBytes(model, 4));
        assertThat(unit.rows()).isEqualTo(4);
        assertThat(unit.inputs()).containsExactly(inputs);
        for (int l = 0; l < 2; l++) {
            assertThat(unit.model().layers().get(l).weights()).containsExactly(model.layers().get(l).weights());
            assertThat(unit.model().layers().get(l).biases()).containsExactly(model.layers().get(l).biases());
        }
        assertThat(MlpWireFormat.decodeModel(MlpWireFormat.encodeModel(model)).layers().get(1).weights())
                .containsExactly(model.layers().get(1).weights());
    }

    @Test
    void malformedBodiesAreRefusedBeforeAnythingIsAllocatedForThem() {
        byte[] body = MlpWireFormat.encodeUnit(TextbookMlp.random(new Random(1), 1, 2, 2), new float[] {1, 2}, 1);

        assertThatThrownBy(() -> MlpWireFormat.decodeUnit(Arrays.copyOf(body, body.length - 1)))
                .hasMessage("the body has 7 bytes of inputs; 1 rows of 2 need 8");
        assertThatThrownBy(() -> MlpWireFormat.decodeUnit(new byte[2])).hasMessageStartingWith("the body ends before the"
                + " layer count");
        assertThatThrownBy(() -> MlpWireFormat.decodeUnit(ints(1, 2, 1 << 30))).hasMessage(
                "layer size d1 = 1073741824 must be in [1, 16384]");
        assertThatThrownBy(() -> MlpWireFormat.decodeUnit(ints(65))).hasMessage("layers = 65 must be in [1, 64]");
        assertThatThrownBy(() -> MlpWireFormat.decodeUnit(ints(1, 16384, 16384))).hasMessageStartingWith(
                "the body ends before the weights and biases");
        byte[] negativeRows = body.clone();
        ByteBuffer.wrap(negativeRows).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length - 12, -1);
        assertThatThrownBy(() -> MlpWireFormat.decodeUnit(negativeRows)).hasMessage("rows = -1 must be positive");
    }

    private static byte[] ints(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            buffer.putInt(value);
        }
        return buffer.array();
    }
}
