package network.mmc.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import network.mmc.gpu.CpuMatmulExecutor;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulWireFormat;

/**
 * bench/probe: one round over 10 000 simulated nodes on loopback. Each node is a path on one HTTP
 * server that answers the real challenge (n = k = 16) after a latency drawn from a fixed distribution
 * (20 ms + exponential with mean 80 ms, capped at 1 s, seed 42). The floor is the ideal round time
 * Σ latency / concurrency; the ratio is measured round time / floor.
 */
public final class ProbeRoundBenchmark {

    private ProbeRoundBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // as the node agent does: no Nagle delay between the response's headers and body
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        long[] latencies = new long[nodes];
        SplittableRandom random = new SplittableRandom(42);
        long totalLatency = 0;
        for (int i = 0; i < nodes; i++) {
            latencies[i] = Math.min(1_000, 20 + Math.round(-80 * Math.log(1 - random.nextDouble())));
            totalLatency += latencies[i];
        }
        CpuMatmulExecutor cpu = new CpuMatmulExecutor(1);
        // responders hold no thread while they wait: the answer is scheduled after the node's latency
        ScheduledExecutorService responders = Executors.newScheduledThreadPool(2);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
        server.createContext("/n/", exchange -> respond(exchange, latencies, cpu, responders));
        server.start();
        List<ProbeTarget> targets = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            targets.add(new ProbeTarget("node-" + i, "http://127.0.0.1:" + server.getAddress().getPort() + "/n/" + i));
        }
        double ideal = totalLatency / 1000.0 / concurrency;
        try (ProbeRound round = new ProbeRound(new ProbeSettings(16, 16, concurrency, Duration.ofSeconds(30), 3),
                AddressPolicy.allowing(List.of("127.0.0.0/8")), Clock.systemUTC())) {
            round.probe(targets.subList(0, Math.min(nodes, 2 * concurrency)));
            long started = System.nanoTime();
            List<ProbeOutcome> outcomes = round.probe(targets);
            double seconds = (System.nanoTime() - started) / 1e9;
            Map<ProbeStatus, Integer> counts = new EnumMap<>(ProbeStatus.class);
            outcomes.forEach(o -> counts.merge(o.status(), 1, Integer::sum));
            System.out.printf("probe round: %d nodes, concurrency %d, outcomes %s%n", nodes, concurrency, counts);
            System.out.printf("floor (ideal Σlatency/concurrency): %.2f s; round: %.2f s; ratio %.3f (target <= 1.2)%n",
                    ideal, seconds, seconds / ideal);
        } finally {
            server.stop(0);
            responders.shutdownNow();
            cpu.close();
        }
    }

    private static void respond(HttpExchange exchange, long[] latencies, CpuMatmulExecutor cpu,
                                ScheduledExecutorService responders) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int node = Integer.parseInt(path.substring(3, path.indexOf('/', 3)));
        MatmulChallenge challenge = MatmulWireFormat.parseForm(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] body = MatmulWireFormat.encode(cpu.multiply(challenge.matrices()).c());
        responders.schedule(() -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException e) {
                System.err.println("responder for node " + node + " failed: " + e.getMessage());
            }
        }, latencies[node], TimeUnit.MILLISECONDS);
    }
}
