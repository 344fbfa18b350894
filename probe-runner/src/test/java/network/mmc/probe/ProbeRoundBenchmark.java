package network.mmc.probe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;
import network.mmc.gpu.CpuMatmulExecutor;
import network.mmc.gpu.FreivaldsVerifier;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulOperands;
import network.mmc.gpu.MatmulWireFormat;

/**
 * bench/probe: one round over simulated nodes on loopback at the production challenge size (n = k = 1024 by
 * default). Each node is a path on one HTTP server that answers after a latency drawn from a fixed distribution
 * (20 ms + exponential with mean 80 ms, capped at 1 s, seed 42).
 * <p>
 * The Hub's side is the production code: {@link ProbeRound} makes each challenge from its seed, sends the form, reads
 * and decodes the n·n answer and checks it with Freivalds. Only the seeds repeat: the round draws them from a few
 * fixed ones, so the simulated nodes answer each from products computed once (10 000 products of 2 GFLOP each would
 * take hours on the Hub's own cores); every answer is still the real product of the challenge sent.
 * <p>
 * Floors: latency Σlatency / concurrency; CPU nodes × the Hub's CPU per probe / cores, where the Hub's CPU per probe
 * is the process's CPU time over the round less that of the simulated nodes' threads, divided by the probes. The ratio
 * is round time / max(floors).
 */
public final class ProbeRoundBenchmark {

    private static final String NODE_THREADS = "sim-node";
    private static final int SAMPLES = 20;

    private ProbeRoundBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // as the node agent does: no Nagle delay between the response's headers and body
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        int distinctSeeds = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int cores = Runtime.getRuntime().availableProcessors();
        ProbeSettings settings = new ProbeSettings(n, n, concurrency, Duration.ofSeconds(30), 3);

        long[] latencies = new long[nodes];
        SplittableRandom random = new SplittableRandom(42);
        long totalLatency = 0;
        for (int i = 0; i < nodes; i++) {
            latencies[i] = Math.min(1_000, 20 + Math.round(-80 * Math.log(1 - random.nextDouble())));
            totalLatency += latencies[i];
        }
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 0; i < distinctSeeds; i++) {
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            seeds.add(seed);
        }
        Map<String, byte[]> answers = answers(seeds, n, cores);
        printHubCpuBreakdown(seeds, answers, n, settings.verifierRounds());

        ExecutorService parsers = Executors.newFixedThreadPool(2, named(NODE_THREADS + "-http"));
        // a responder holds no thread while its node "computes": the answer is scheduled after the node's latency;
        // writing a 4 MiB answer blocks until the Hub reads it, so there are as many responders as probes in flight
        ScheduledExecutorService responders = Executors.newScheduledThreadPool(concurrency,
                named(NODE_THREADS + "-responder"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4096);
        server.createContext("/n/", exchange -> respond(exchange, latencies, answers, responders));
        server.setExecutor(parsers);
        server.start();
        List<ProbeTarget> targets = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            targets.add(new ProbeTarget("node-" + i, "http://127.0.0.1:" + server.getAddress().getPort() + "/n/" + i));
        }
        try (ProbeRound round = new ProbeRound(settings, AddressPolicy.allowing(List.of("127.0.0.0/8")),
                (SSLSocketFactory) SSLSocketFactory.getDefault(), Clock.systemUTC(), repeating(seeds))) {
            round.probe(targets.subList(0, Math.min(nodes, 2 * concurrency)));
            CpuClock cpu = new CpuClock();
            long started = System.nanoTime();
            List<ProbeOutcome> outcomes = round.probe(targets);
            double seconds = (System.nanoTime() - started) / 1e9;
            CpuClock.Split split = cpu.split();

            Map<ProbeStatus, Integer> counts = new EnumMap<>(ProbeStatus.class);
            outcomes.forEach(o -> counts.merge(o.status(), 1, Integer::sum));
            double hubPerProbe = split.hubSeconds() / nodes;
            double nodePerProbe = split.nodeSeconds() / nodes;
            double latencyFloor = totalLatency / 1000.0 / concurrency;
            double cpuFloor = nodes * hubPerProbe / cores;
            double floor = Math.max(latencyFloor, cpuFloor);
            System.out.printf("probe round: %d nodes, n = k = %d, concurrency %d, %d cores, %d repeating seeds, "
                    + "outcomes %s%n", nodes, n, concurrency, cores, distinctSeeds, counts);
            System.out.printf("Hub CPU per probe in the round (process CPU less the simulated nodes' threads): %.2f ms "
                    + "(probe workers alone %.2f ms); simulated nodes %.2f ms%n",
                    hubPerProbe * 1e3, split.workerSeconds() / nodes * 1e3, nodePerProbe * 1e3);
            System.out.printf("latency floor (Σlatency / concurrency): %.2f s; CPU floor (nodes × Hub CPU per probe / "
                    + "%d cores): %.2f s%n", latencyFloor, cores, cpuFloor);
            System.out.printf("round: %.2f s; ratio to max(floors) %.3f (target <= 1.2)%n", seconds, seconds / floor);
            System.out.printf("the simulated nodes share those cores: counting their CPU too the CPU floor is %.2f s, "
                    + "ratio %.3f%n", nodes * (hubPerProbe + nodePerProbe) / cores,
                    seconds / Math.max(latencyFloor, nodes * (hubPerProbe + nodePerProbe) / cores));
            if (!Double.isNaN(split.othersSeconds())) {
                double taken = split.othersSeconds() + split.interruptSeconds();
                double coresLeft = cores - taken / seconds;
                double ownFloor = nodes * (hubPerProbe + nodePerProbe) / coresLeft;
                System.out.printf("so do other processes: %.1f core-seconds of the round's %.1f, interrupts %.1f; "
                        + "cores busy %.0f %% of the round%n", split.othersSeconds(), seconds * cores,
                        split.interruptSeconds(), 100 * (split.hubSeconds() + split.nodeSeconds() + taken)
                                / (seconds * cores));
                System.out.printf("over the %.2f cores left to the bench, the CPU floor of the Hub and the simulated "
                        + "nodes is %.2f s, ratio %.3f%n", coresLeft, ownFloor,
                        seconds / Math.max(latencyFloor, ownFloor));
            }
            System.out.printf("one Hub core probes %,.0f nodes an hour (3600 s / %.2f ms)%n",
                    3600 / hubPerProbe, hubPerProbe * 1e3);
        } finally {
            server.stop(0);
            responders.shutdownNow();
            parsers.shutdownNow();
        }
    }

    /** Each seed's answer as the node sends it: C = A·B, little-endian FP32. */
    private static Map<String, byte[]> answers(List<byte[]> seeds, int n, int cores) {
        Map<String, byte[]> answers = new HashMap<>();
        try (CpuMatmulExecutor cpu = new CpuMatmulExecutor(cores)) {
            for (byte[] seed : seeds) {
                MatmulChallenge challenge = new MatmulChallenge(seed, n, n);
                answers.put(challenge.seedHex(), MatmulWireFormat.encode(cpu.multiply(challenge.matrices()).c()));
            }
        }
        return answers;
    }

    /**
     * The Hub's CPU per probe without the network, on this thread: the challenge's form, its matrices, the answer's
     * decoding and Freivalds, each as ProbeRound calls them.
     */
    private static void printHubCpuBreakdown(List<byte[]> seeds, Map<String, byte[]> answers, int n, int rounds) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] phases = new long[3];
        for (int sample = -SAMPLES; sample < SAMPLES; sample++) {
            long t0 = threads.getCurrentThreadCpuTime();
            MatmulChallenge challenge = new MatmulChallenge(seeds.get(Math.floorMod(sample, seeds.size())), n, n);
            byte[] form = MatmulWireFormat.form(challenge).getBytes(StandardCharsets.UTF_8);
            MatmulOperands matrices = challenge.matrices();
            long t1 = threads.getCurrentThreadCpuTime();
            float[] c = MatmulWireFormat.decode(answers.get(challenge.seedHex()), n);
            long t2 = threads.getCurrentThreadCpuTime();
            FreivaldsVerifier.Verdict verdict = new FreivaldsVerifier(new SplittableRandom(sample), rounds)
                    .verify(matrices, c);
            long t3 = threads.getCurrentThreadCpuTime();
            if (verdict != FreivaldsVerifier.Verdict.SUCCESS || form.length == 0) {
                throw new IllegalStateException("the cached answer for seed " + challenge.seedHex() + " is wrong");
            }
            // the first half warms the JIT up
            if (sample >= 0) {
                phases[0] += t1 - t0;
                phases[1] += t2 - t1;
                phases[2] += t3 - t2;
            }
        }
        System.out.printf("Hub CPU per probe on one thread, no network (%d samples): challenge %.2f ms, decode %.2f ms, "
                + "Freivalds %.2f ms, total %.2f ms%n", SAMPLES, phases[0] / 1e6 / SAMPLES, phases[1] / 1e6 / SAMPLES,
                phases[2] / 1e6 / SAMPLES, (phases[0] + phases[1] + phases[2]) / 1e6 / SAMPLES);
    }

    /** The seeds in turn, for ever. */
    private static Supplier<byte[]> repeating(List<byte[]> seeds) {
        AtomicInteger next = new AtomicInteger();
        return () -> seeds.get(Math.floorMod(next.getAndIncrement(), seeds.size())).clone();
    }

    private static void respond(HttpExchange exchange, long[] latencies, Map<String, byte[]> answers,
                                ScheduledExecutorService responders) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int node = Integer.parseInt(path.substring(3, path.indexOf('/', 3)));
        MatmulChallenge challenge = MatmulWireFormat.parseForm(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] answer = answers.get(challenge.seedHex());
        byte[] body = answer != null ? answer
                : ("no product cached for seed " + challenge.seedHex()).getBytes(StandardCharsets.UTF_8);
        responders.schedule(() -> {
            try (exchange) {
                exchange.sendResponseHeaders(answer != null ? 200 : 500, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (IOException e) {
                System.err.println("responder for node " + node + " failed: " + e.getMessage());
            }
        }, latencies[node], TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory named(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * The process's CPU time since it was made, split by thread name: the simulated nodes' threads (ours and the JDK
     * server's dispatcher), the round's probe workers, and the rest of the process (GC, JIT, the round's caller),
     * which is the Hub's too.
     */
    private static final class CpuClock {

        /** Seconds of CPU; the machine's others and interrupts are NaN without /proc/stat. */
        record Split(double hubSeconds, double workerSeconds, double nodeSeconds, double othersSeconds,
                     double interruptSeconds) {
        }

        private static final double TICKS = 100.0;

        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final long process = os.getProcessCpuTime();
        private final long[] byKind = byKind();
        private final long[] machine = machine();

        Split split() {
            long[] now = byKind();
            long[] machineNow = machine();
            double total = (os.getProcessCpuTime() - process) / 1e9;
            double nodes = (now[0] - byKind[0]) / 1e9;
            double workers = (now[1] - byKind[1]) / 1e9;
            if (machine.length == 0 || machineNow.length == 0) {
                return new Split(total - nodes, workers, nodes, Double.NaN, Double.NaN);
            }
            return new Split(total - nodes, workers, nodes, (machineNow[0] - machine[0]) / TICKS - total,
                    (machineNow[1] - machine[1]) / TICKS);
        }

        /**
         * From the first line of /proc/stat, in clock ticks (USER_HZ, 100 a second): the time every core spent running
         * processes (user, nice, system, steal), then in interrupts; empty where there is no /proc/stat.
         */
        private static long[] machine() {
            try {
                String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long running = Long.parseLong(fields[1]) + Long.parseLong(fields[2]) + Long.parseLong(fields[3])
                        + Long.parseLong(fields[8]);
                return new long[] {running, Long.parseLong(fields[6]) + Long.parseLong(fields[7])};
            } catch (IOException | RuntimeException e) {
                return new long[0];
            }
        }

        /** CPU nanoseconds of the simulated nodes' threads, then of the probe workers. */
        private long[] byKind() {
            long[] ids = threads.getAllThreadIds();
            ThreadInfo[] infos = threads.getThreadInfo(ids);
            long[] sums = new long[2];
            for (int i = 0; i < ids.length; i++) {
                if (infos[i] == null) {
                    continue;
                }
                String name = infos[i].getThreadName();
                long cpu = Math.max(0, threads.getThreadCpuTime(ids[i]));
                if (name.startsWith(NODE_THREADS) || name.equals("HTTP-Dispatcher")) {
                    sums[0] += cpu;
                } else if (name.equals("probe-worker")) {
                    sums[1] += cpu;
                }
            }
            return sums;
        }
    }
}
