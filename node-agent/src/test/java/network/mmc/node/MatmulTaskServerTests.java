package network.mmc.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import network.mmc.gpu.ChallengeMatrices;
import network.mmc.gpu.CpuMatmulExecutor;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulWireFormat;
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
    void reportsHealthWithTheNodeId() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint()
                + MatmulWireFormat.HEALTH_PATH)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.body()).contains("\"status\":\"UP\"", "\"nodeId\":\"node-1\"");
    }

    /** C = A·B by the definition, summed exactly in integers (the entries are integers, C fits FP32 exactly). */
    private static float[] textbookProduct(ChallengeMatrices m) {
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

    private HttpResponse<byte[]> post(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + MatmulWireFormat.TASK_PATH))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
