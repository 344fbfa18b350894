package network.mmc.gpu.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TrainingWireFormatTests {

    private final MlpParameters parameters = MlpParameters.initial(MlpShape.of(4, 16, 3), 7);
    private final Samples shard = IrisDataset.load().training().range(0, 5);

    @Test
    void requestsWithParametersOrOnlyTheirHashRoundTrip() {
        GradientRequest full = TrainingWireFormat.decode(TrainingWireFormat.encode(
                GradientRequest.withParameters(parameters, shard)));
        GradientRequest byHash = TrainingWireFormat.decode(TrainingWireFormat.encode(
                GradientRequest.byHash(parameters, shard)));

        assertThat(full.parameters()).isEqualTo(parameters);
        assertThat(full.shard()).isEqualTo(shard);
        assertThat(byHash.parameters()).isNull();
        assertThat(byHash.hashHex()).isEqualTo(parameters.hashHex());
    }

    @Test
    void parametersThatDoNotMatchTheirHashAreRefused() {
        byte[] body = TrainingWireFormat.encode(GradientRequest.withParameters(parameters, shard));
        body[TrainingWireFormat.HASH_BYTES + 4 + 40] ^= 1;

        assertThatThrownBy(() -> TrainingWireFormat.decode(body)).hasMessageContaining("the parameters sent hash to");
    }

    @Test
    void truncatedOrInflatedBodiesAreRefusedSayingWhy() {
        byte[] body = TrainingWireFormat.encode(GradientRequest.byHash(parameters, shard));

        assertThatThrownBy(() -> TrainingWireFormat.decode(Arrays.copyOf(body, 20))).hasMessageContaining("ends early");
        assertThatThrownBy(() -> TrainingWireFormat.decode(Arrays.copyOf(body, body.length + 4)))
                .hasMessageContaining("5 samples of 4 inputs need 100 bytes");
        byte[] tooMany = body.clone();
        ByteBuffer.wrap(tooMany).putInt(TrainingWireFormat.HASH_BYTES, Integer.MAX_VALUE);
        assertThatThrownBy(() -> TrainingWireFormat.decode(tooMany)).hasMessageContaining("bytes of parameters");
    }

    @Test
    void answersRoundTripAndMustHoldExactlyTheParameterCount() {
        GradientSums sums = new CpuShardGradients().gradients(parameters, shard);
        byte[] answer = TrainingWireFormat.encode(sums);

        assertThat(TrainingWireFormat.decodeSums(answer, 131)).isEqualTo(sums);
        assertThatThrownBy(() -> TrainingWireFormat.decodeSums(answer, 130)).hasMessageContaining("130 parameters");
    }
}
