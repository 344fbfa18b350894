package network.mmc.jobs.support;

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
import java.util.List;
import java.util.concurrent.TimeUnit;
import network.mmc.jobs.simulation.LoopbackAgents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Solana JSON-RPC peer of the tests: src/test/solana-peer/server.js over litesvm (a real SVM), started
 * with Node on a free port. The first start installs it from the committed lock file with {@code npm install}:
 * {@code npm ci} refuses that lock, which cannot list litesvm's optional native packages for other platforms.
 */
public final class SolanaPeer implements AutoCloseable {

    private static final Path DIRECTORY = Path.of("src/test/solana-peer").toAbsolutePath();
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final int port;
    private Process process;

    public SolanaPeer() {
        this.port = LoopbackAgents.unusedPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public synchronized SolanaPeer start() {
        if (process != null) {
            return this;
        }
        try {
            if (!Files.isDirectory(DIRECTORY.resolve("node_modules/litesvm"))) {
                Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund").directory(DIRECTORY.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!install.waitFor(5, TimeUnit.MINUTES) || install.exitValue() != 0) {
                    throw new IllegalStateException("npm install in " + DIRECTORY + " failed");
                }
            }
            process = new ProcessBuilder("node", "server.js", Integer.toString(port)).directory(DIRECTORY.toFile())
                    .redirectErrorStream(true).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = output.readLine();
            if (line == null || !line.startsWith("listening")) {
                throw new IllegalStateException("the Solana peer did not start: " + line);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node (is Node.js installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode call(String method, List<Object> params) {
        try {
            String body = JSON.writeValueAsString(java.util.Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url()))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.destroy();
            process = null;
        }
    }
}
