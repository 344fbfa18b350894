package network.mmc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import network.mmc.gpu.CpuMatmulExecutor;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulWireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Targets the Hub must not call, and nodes that answer in ways meant to hurt the prober. */
class ProbeTargetSafetyTests {

    private static final ProbeSettings SETTINGS = new ProbeSettings(32, 32, 4, Duration.ofMillis(1_500), 3);

    private final CpuMatmulExecutor cpu = new CpuMatmulExecutor(1);
    private final List<HttpServer> servers = new ArrayList<>();
    private final List<ServerSocket> sockets = new ArrayList<>();
    private final ProbeRound publicOnly = new ProbeRound(SETTINGS, AddressPolicy.publicOnly(), Clock.systemUTC());
    private final ProbeRound loopbackAllowed = new ProbeRound(SETTINGS, AddressPolicy.allowing(List.of("127.0.0.0/8")),
            Clock.systemUTC());

    @AfterEach
    void stop() throws IOException {
        servers.forEach(server -> server.stop(0));
        for (ServerSocket socket : sockets) {
            socket.close();
        }
        publicOnly.close();
        loopbackAllowed.close();
        cpu.close();
    }

    @Test
    void aNodeOnLoopbackIsNeverCalledUnlessItsNetworkIsAllowed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        int port = honestNode(calls, "1.0").getAddress().getPort();

        List<ProbeOutcome> outcomes = publicOnly.probe(List.of(
                new ProbeTarget("literal", "http://127.0.0.1:" + port),
                new ProbeTarget("name", "http://localhost:" + port),
                new ProbeTarget("mapped", "http://[::ffff:127.0.0.1]:" + port),
                new ProbeTarget("decimal", "http://2130706433:" + port),
                new ProbeTarget("unspecified", "http://0.0.0.0:" + port)));

        assertThat(outcomes).extracting(ProbeOutcome::status).containsOnly(ProbeStatus.FAILED);
        assertThat(outcomes).extracting(ProbeOutcome::detail).containsExactly(
                "not probed: 127.0.0.1 is a loopback address outside the allowed networks",
                "not probed: host localhost: 127.0.0.1 is a loopback address outside the allowed networks",
                "not probed: 127.0.0.1 is a loopback address outside the allowed networks",
                "not probed: endpoint 'http://2130706433:" + port + "' has no valid host: give a DNS name, a dotted-quad"
                        + " IPv4 address or a bracketed IPv6 address",
                "not probed: 0.0.0.0 is a unspecified ('this network') address");
        assertThat(calls).hasValue(0);
        assertThat(loopbackAllowed.probe(List.of(new ProbeTarget("literal", "http://127.0.0.1:" + port))).get(0).status())
                .isEqualTo(ProbeStatus.SUCCESS);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aRedirectIsAnAnswerNotFollowed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        int elsewhere = honestNode(calls, "1.0").getAddress().getPort();
        HttpServer redirecting = server(exchange -> {
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + elsewhere + MatmulWireFormat.TASK_PATH);
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });

        ProbeOutcome outcome = loopbackAllowed.probe(List.of(target(redirecting))).get(0);

        assertThat(outcome.status()).isEqualTo(ProbeStatus.FAILED);
        assertThat(outcome.detail()).isEqualTo("HTTP 307: ");
        assertThat(calls).hasValue(0);
    }

    @Test
    void theConnectionGoesToTheCheckedAddressWhileTheHostHeaderKeepsTheName() throws Exception {
        List<String> hosts = new CopyOnWriteArrayList<>();
        HttpServer node = server(exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            answer(exchange, 200, "ok".getBytes(StandardCharsets.UTF_8));
        });
        int port = node.getAddress().getPort();
        // a name that resolves nowhere: had the client looked it up again, there would be no connection
        NodeEndpoint endpoint = NodeEndpoint.parse("http://node.invalid:" + port);

        ProbeHttp.Answer answer = new ProbeHttp(null).post(endpoint, InetAddress.getByName("127.0.0.1"),
                endpoint.path() + MatmulWireFormat.TASK_PATH, "application/x-www-form-urlencoded",
                "seed=00&n=1&k=1".getBytes(StandardCharsets.UTF_8), System.nanoTime() + 5_000_000_000L, 100, 100);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("ok");
        assertThat(hosts).containsExactly("node.invalid:" + port);
    }

    @Test
    void anAnswerLongerThanTheChallengeIsNotReadInFull() throws Exception {
        int declared = scripted(out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            sleep(10_000);
        });
        int endless = scripted(out -> {
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 1_000; i++) {
                out.write("1000\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[0x1000]);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            sleep(10_000);
        });

        List<ProbeOutcome> outcomes = loopbackAllowed.probe(List.of(new ProbeTarget("declared", "http://127.0.0.1:" + declared),
                new ProbeTarget("endless", "http://127.0.0.1:" + endless)));

        assertThat(outcomes).extracting(ProbeOutcome::status).containsOnly(ProbeStatus.WRONG_RESULT);
        assertThat(outcomes).extracting(ProbeOutcome::detail).containsOnly("answer has more than 4096 bytes, expected 4096");
        assertThat(outcomes).allSatisfy(o -> assertThat(o.latencyMillis()).isLessThan(1_500));
    }

    @Test
    void aNodeDrippingItsAnswerIsCutOffAtTheTimeout() throws Exception {
        int port = scripted(out -> {
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 100; i++) {
                out.write('X');
                out.flush();
                sleep(100);
            }
        });

        ProbeOutcome outcome = loopbackAllowed.probe(List.of(new ProbeTarget("drip", "http://127.0.0.1:" + port))).get(0);

        assertThat(outcome.status()).isEqualTo(ProbeStatus.TIMEOUT);
        assertThat(outcome.latencyMillis()).isBetween(1_400L, 3_000L);
    }

    @Test
    void aGflopsFigureThatIsNotAFiniteNumberIsDropped() throws Exception {
        HttpServer nan = honestNode(new AtomicInteger(), "NaN");
        HttpServer infinite = honestNode(new AtomicInteger(), "1e999");
        HttpServer fine = honestNode(new AtomicInteger(), "12.5");

        List<ProbeOutcome> outcomes = loopbackAllowed.probe(List.of(target(nan), target(infinite), target(fine)));

        assertThat(outcomes).extracting(ProbeOutcome::status).containsOnly(ProbeStatus.SUCCESS);
        assertThat(outcomes).extracting(ProbeOutcome::gflops).containsExactly(null, null, 12.5);
    }

    @Test
    void controlCharactersOfAnErrorAnswerAreNotKept() throws Exception {
        HttpServer node = server(exchange -> answer(exchange, 500, "bad\u001b[2Jnode\r\nX".getBytes(StandardCharsets.UTF_8)));

        ProbeOutcome outcome = loopbackAllowed.probe(List.of(target(node))).get(0);

        assertThat(outcome.detail()).isEqualTo("HTTP 500: bad?[2Jnode??X");
    }

    private HttpServer honestNode(AtomicInteger calls, String gflops) throws IOException {
        return server(exchange -> {
            calls.incrementAndGet();
            MatmulChallenge challenge = MatmulWireFormat.parseForm(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().set(MatmulWireFormat.GFLOPS_HEADER, gflops);
            answer(exchange, 200, MatmulWireFormat.encode(cpu.multiply(challenge.matrices()).c()));
        });
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private HttpServer server(Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(exchange);
            }
        });
        server.start();
        servers.add(server);
        return server;
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static ProbeTarget target(HttpServer server) {
        return new ProbeTarget("node-" + server.getAddress().getPort(), "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private interface Script {
        void write(OutputStream out) throws IOException;
    }

    /** A node that reads the request's head, then writes whatever the script says, byte for byte. */
    private int scripted(Script script) throws IOException {
        ServerSocket listener = new ServerSocket(0, 16, InetAddress.getByName("127.0.0.1"));
        sockets.add(listener);
        Thread thread = new Thread(() -> {
            try (Socket socket = listener.accept()) {
                InputStream in = socket.getInputStream();
                int matched = 0;
                while (matched < 4) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
                }
                script.write(socket.getOutputStream());
            } catch (IOException e) {
                // the prober hung up, as it should
            }
        }, "scripted-node");
        thread.setDaemon(true);
        thread.start();
        return listener.getLocalPort();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
