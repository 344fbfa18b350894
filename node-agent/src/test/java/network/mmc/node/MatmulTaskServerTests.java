package network.mmc.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

        float[] expected = executor.multiply(MatmulChallenge.of("abcd", 40, 24).matrices()).c();
        float[] answered = MatmulWireFormat.decode(response.body(), 40);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(answered).isEqualTo(expected);
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

    private HttpResponse<byte[]> post(String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + MatmulWireFormat.TASK_PATH))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
