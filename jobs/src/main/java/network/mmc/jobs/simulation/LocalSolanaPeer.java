package network.mmc.jobs.simulation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local Solana JSON-RPC peer backed by a real SVM: {@code solana-peer/server.js} over the npm package
 * litesvm, started with Node.js (installed from the committed lock file on first use). For the demo and
 * the tests; a deployment points {@code mmc.rewards.rpc-url} at a real cluster instead.
 */
public final class LocalSolanaPeer implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String url;
    private final Process process;

    private LocalSolanaPeer(String url, Process process) {
        this.url = url;
        this.process = process;
    }

    /** Starts the peer from {@code directory} on {@code port} of 127.0.0.1. */
    public static LocalSolanaPeer start(Path directory, int port) {
        if (!Files.isRegularFile(directory.resolve("server.js"))) {
            throw new IllegalStateException("no Solana peer at " + directory.toAbsolutePath());
        }
        try {
            if (!Files.isDirectory(directory.resolve("node_modules/litesvm"))) {
                // npm ci refuses this lock: it cannot list litesvm's optional native packages for other platforms
                Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(directory.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                    throw new IllegalStateException("npm install in " + directory + " failed");
                }
            }
            Process process = new ProcessBuilder("node", "server.js", Integer.toString(port)).directory(directory.toFile())
                    .redirectErrorStream(true).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = output.readLine();
            if (line == null || !line.startsWith("listening")) {
                process.destroyForcibly();
                throw new IllegalStateException("the Solana peer did not start: " + line);
            }
            return new LocalSolanaPeer("http://127.0.0.1:" + port, process);
        } catch (IOException e) {
            throw new IllegalStateException("Node.js and npm are needed to run the local Solana peer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the Solana peer", e);
        }
    }

    /** True when something at {@code url} answers a JSON-RPC {@code getHealth}. */
    public static boolean answers(String url) {
        try {
            return call(url, "getHealth", List.of()).has("result");
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String url() {
        return url;
    }

    public JsonNode call(String method, List<Object> params) {
        return call(url, method, params);
    }

    private static JsonNode call(String url, String method, List<Object> params) {
        try {
            String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("no Solana RPC at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
