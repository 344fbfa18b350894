package network.mmc.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import network.mmc.gpu.CpuMatmulExecutor;
import network.mmc.gpu.training.CpuShardGradients;
import network.mmc.gpu.training.FixedPoint;
import network.mmc.gpu.training.GradientRequest;
import network.mmc.gpu.training.IrisDataset;
import network.mmc.gpu.training.MlpParameters;
import network.mmc.gpu.training.MlpShape;
import network.mmc.gpu.training.Samples;
import network.mmc.gpu.training.TrainingWireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainingGradientHandlerTests {

    private final CpuMatmulExecutor executor = new CpuMatmulExecutor(1);
    private final MatmulTaskServer server = MatmulTaskServer.start("127.0.0.1", 0, executor, "node-1");
    private final HttpClient http = HttpClient.newHttpClient();
    private final MlpParameters parameters = MlpParameters.initial(MlpShape.of(4, 16, 3), 7);
    private final Samples shard = IrisDataset.load().training().range(10, 18);

    @AfterEach
    void stop() {
        server.close();
        executor.close();
    }

    @Test
    void answersTheShardsGradientSumsThenKnowsTheParametersByTheirHash() throws Exception {
        HttpResponse<byte[]> full = post(TrainingWireFormat.encode(GradientRequest.withParameters(parameters, shard)));
        Samples other = IrisDataset.load().training().range(40, 43);
        HttpResponse<byte[]> byHash = post(TrainingWireFormat.encode(GradientRequest.byHash(parameters, other)));

        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(TrainingWireFormat.decodeSums(full.body(), 131))
                .isEqualTo(new CpuShardGradients().gradients(parameters, shard));
        assertThat(byHash.statusCode()).isEqualTo(200);
        assertThat(TrainingWireFormat.decodeSums(byHash.body(), 131))
                .isEqualTo(new CpuShardGradients().gradients(parameters, other));
    }

    @Test
    void anUnknownHashIsAnswered409SoTheHubSendsTheParameters() throws Exception {
        HttpResponse<byte[]> response = post(TrainingWireFormat.encode(GradientRequest.byHash(parameters, shard)));

        assertThat(response.statusCode()).isEqualTo(TrainingWireFormat.UNKNOWN_PARAMETERS);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("unknown parameters "
                + parameters.hashHex());
    }

    @Test
    void malformedShardsAndOverflowsAreRefusedSayingWhy() throws Exception {
        byte[] body = TrainingWireFormat.encode(GradientRequest.withParameters(parameters, shard));
        HttpResponse<byte[]> truncated = post(Arrays.copyOf(body, body.length - 3));
        MlpParameters huge = new MlpParameters(MlpShape.of(1, 1, 1), new int[] {Integer.MAX_VALUE,
                Integer.MAX_VALUE, FixedPoint.ONE, 0});
        HttpResponse<byte[]> overflow = post(TrainingWireFormat.encode(GradientRequest.withParameters(huge,
                new Samples(1, 1, new int[] {Integer.MAX_VALUE}, new int[] {0}))));
        HttpResponse<byte[]> misfit = post(TrainingWireFormat.encode(GradientRequest.withParameters(huge, shard)));

        assertThat(truncated.statusCode()).isEqualTo(400);
        assertThat(new String(truncated.body(), StandardCharsets.UTF_8)).contains("8 samples of 4 inputs need 160 bytes");
        assertThat(overflow.statusCode()).isEqualTo(422);
        assertThat(new String(overflow.body(), StandardCharsets.UTF_8)).contains("leaves the Q16.16 range");
        assertThat(misfit.statusCode()).isEqualTo(400);
    }

    @Test
    void aBodyDeclaredLargerThanTheCapIsRefusedBeforeItIsRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("POST " + TrainingWireFormat.GRADIENT_PATH + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + (TrainingWireFormat.MAX_REQUEST_BYTES + 1) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
    }

    private HttpResponse<byte[]> post(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + TrainingWireFormat.GRADIENT_PATH))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
