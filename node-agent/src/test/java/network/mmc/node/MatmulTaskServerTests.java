package network.mmc.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import network.mmc.gpu.CpuMatmulExecutor;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulOperands;
import network.mmc.gpu.MatmulWireFormat;
import network.mmc.gpu.MlpModel;
import network.mmc.gpu.MlpWireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MatmulTaskServerTests {

    private final CpuMatmulExecutor executor = new CpuMatmulExecutor(2);
    private final MatmulTaskServer server = MatmulTaskServer.start("127.0.0.1", 0, executor, "node-1");
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
        executor.close();
    }

    @Test
    void answersTheChallengeProductAsLittleEndianFloats() throws Exception {
        HttpResponse<byte[]> response = post("seed=abcd&n=40&k=24");

        float[] expected = textbookProduct(MatmulChallenge.of("abcd", 40, 24).matrices());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(40 * 40 * Float.BYTES);
        float[] answered = new float[40 * 40];
        ByteBuffer.wrap(response.body()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(answered);
        assertThat(answered).containsExactly(expected);
        assertThat(response.headers().firstValue(MatmulWireFormat.EXECUTOR_HEADER)).hasValue("cpu:2 threads");
    }

    @Test
    void refusesAMalformedChallengeNamingTheField() throws Exception {
        HttpResponse<byte[]> response = post("seed=zz&n=4&k=4");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).contains("not hex");
        assertThat(new String(post("n=4&k=4").body())).isEqualTo("seed is missing");
    }

    @Test
    void answersAGemmUnitWithTheProductOfItsOperands() throws Exception {
        MatmulOperands operands = new MatmulOperands(2, 3, 2, new float[] {1, 2, 3, 4, 5, 6},
                new float[] {0.5f, 1, -1, 0, 2, 0.25f});

        HttpResponse<byte[]> response = postGemm(MatmulWireFormat.encodeGemm(operands, hashOf(operands)));

        assertThat(response.statusCode()).isEqualTo(200);
        // row 0: 0.5 - 2 + 6, 1 + 0 + 0.75; row 1: 2 - 5 + 12, 4 + 0 + 1.5
        assertThat(MatmulWireFormat.decode(response.body(), 2, 2)).containsExactly(4.5f, 1.75f, 9f, 5.5f);
    }

    @Test
    void keepsAProductsBForItsNextBandsAndAsksForAnUnknownOne() throws Exception {
        MatmulOperands product = new MatmulOperands(2, 3, 2, new float[] {1, 2, 3, 4, 5, 6},
                new float[] {0.5f, 1, -1, 0, 2, 0.25f});
        byte[] bHash = hashOf(product);

        HttpResponse<byte[]> unknown = postGemm(MatmulWireFormat.encodeGemmKept(product.rows(1, 2), bHash));
        HttpResponse<byte[]> first = postGemm(MatmulWireFormat.encodeGemm(product.rows(0, 1), bHash));
        HttpResponse<byte[]> second = postGemm(MatmulWireFormat.encodeGemmKept(product.rows(1, 2), bHash));

        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(new String(unknown.body())).isEqualTo("unknown B " + HexFormat.of().formatHex(bHash) + ": send it");
        assertThat(MatmulWireFormat.decode(first.body(), 1, 2)).containsExactly(4.5f, 1.75f);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(MatmulWireFormat.decode(second.body(), 1, 2)).containsExactly(9f, 5.5f);
    }

    @Test
    void keepsOnlyTheLastFewProductsB() throws Exception {
        List<MatmulOperands> products = new ArrayList<>();
        for (int p = 0; p < 5; p++) {
            products.add(new MatmulOperands(1, 1, 1, new float[] {2}, new float[] {p}));
            postGemm(MatmulWireFormat.encodeGemm(products.get(p), hashOf(products.get(p))));
        }

        assertThat(postGemm(MatmulWireFormat.encodeGemmKept(products.get(0), hashOf(products.get(0)))).statusCode())
                .isEqualTo(409);
        assertThat(MatmulWireFormat.decode(postGemm(MatmulWireFormat.encodeGemmKept(products.get(4),
                hashOf(products.get(4)))).body(), 1, 1)).containsExactly(8f);
    }

    @Test
    void refusesAGemmBodyWhoseLengthDoesNotMatchItsSizes() throws Exception {
        MatmulOperands one = new MatmulOperands(1, 1, 1, new float[] {1}, new float[] {2});
        byte[] body = MatmulWireFormat.encodeGemm(one, hashOf(one));

        HttpResponse<byte[]> response = postGemm(Arrays.copyOf(body, body.length + 4));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).isEqualTo("the body has 60 bytes; m=1, k=1, n=1 with 4 bytes of B"
                + " need 56");
    }

    @Test
    void answersAnMlpUnitWithItsOutputsReluBetweenLayers() throws Exception {
        MlpModel model = new MlpModel(List.of(
                new MlpModel.Layer(2, 2, new float[] {1, -1, 2, 1}, new float[] {0, -10}),
                new MlpModel.Layer(2, 1, new float[] {3, 5}, new float[] {-100})));

        HttpResponse<byte[]> response = postMlp(MlpWireFormat.encodeUnit(model, new float[] {1, 2, -3, 1}, 2));

        assertThat(response.statusCode()).isEqualTo(200);
        // row 1: relu(5, -9) = (5, 0) → 15 - 100; row 2: relu(-1, -6) = (0, 0) → -100
        assertThat(MatmulWireFormat.decode(response.body(), 2, 1)).containsExactly(-85f, -100f);
        assertThat(response.headers().firstValue(MatmulWireFormat.EXECUTOR_HEADER)).hasValue("cpu:2 threads");
    }

    @Test
    void refusesAnMlpBodyThatEndsEarly() throws Exception {
        MlpModel model = new MlpModel(List.of(new MlpModel.Layer(2, 1, new float[] {1, 1}, new float[] {0})));
        byte[] body = MlpWireFormat.encodeUnit(model, new float[] {1, 2}, 1);

        HttpResponse<byte[]> response = postMlp(Arrays.copyOf(body, body.length - 4));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new String(response.body())).isEqualTo("the body has 4 bytes of inputs; 1 rows of 2 need 8");
    }

    @Test
    void reportsHealthWithTheNodeId() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint()
                + MatmulWireFormat.HEALTH_PATH)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).contains("\"status\":\"UP\"", "\"nodeId\":\"node-1\"");
    }

    /** C = A·B by the definition, summed exactly in integers (the entries are integers, C fits FP32 exactly). */
    private static float[] textbookProduct(MatmulOperands m) {
        int n = m.n();
        int k = m.k();
        float[] c = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                long sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (long) m.a()[i * k + p] * (long) m.b()[p * n + j];
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    private static byte[] hashOf(MatmulOperands operands) {
        return MatmulWireFormat.hashOf(operands.k(), operands.n(), operands.b());
    }

    private HttpResponse<byte[]> postGemm(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + MatmulWireFormat.GEMM_PATH))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> postMlp(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + MlpWireFormat.MLP_PATH))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> post(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + MatmulWireFormat.TASK_PATH))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
