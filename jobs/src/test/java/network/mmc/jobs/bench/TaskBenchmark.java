package network.mmc.jobs.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulOperands;
import network.mmc.gpu.MatmulWireFormat;
import network.mmc.jobs.apiusers.ApiUser;
import network.mmc.jobs.apiusers.ApiUsers;
import network.mmc.jobs.apiusers.CreditLedger;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.simulation.LoopbackAgents.Behaviour;
import network.mmc.jobs.tasks.TaskDispatcher;
import network.mmc.jobs.tasks.TaskKind;
import network.mmc.jobs.tasks.TaskRequest;
import network.mmc.jobs.tasks.TaskService;
import network.mmc.jobs.tasks.TaskSettings;
import network.mmc.jobs.tasks.TaskView;
import network.mmc.probe.AddressPolicy;
import network.mmc.probe.NodeClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * bench/tasks: one GEMM task of 10 000 small units (bands of {@code rows} rows of seeded {@code size}-square products)
 * over 200 node agents on loopback (the node agent's task server, CPU executor), run by the Hub's dispatcher (claim,
 * send, Freivalds, record the attempt and the charge). The floor is the same units sent by a plain client straight to
 * the same agents at the dispatcher's concurrency, B by hash as the Hub sends it: bare execution with no Hub. Arguments:
 * [units] [agents] [rows] [size] [warm-up] [apart] (default 10 000, 200, 8, 128 and 1 000; {@code apart} gives the
 * agents CPU 1 and the rest CPU 0, {@link CorePinning}, as nodes on other machines). Both paths are first warmed up
 * (JIT) with rounds of {@code warm-up} units until the Hub's rounds are no faster, not counted; each phase also prints
 * its CPU a unit (the Hub's JVM, the agents in it, the database), the database's statements and rows a unit
 * ({@link PhaseCost}) and how many of its units came with B in full (the agents' own count).
 */
public final class TaskBenchmark {

    private static final int ROWS_PER_PRODUCT_MAX = 4096;
    private static final int WARM_UP_ROUNDS_MIN = 3;
    private static final int WARM_UP_ROUNDS = 20;
    private static final double COMPILING_SETTLED = 0.10;
    private static final Pattern WITH_B = Pattern.compile("\"withB\":(\\d+)");
    private static final double SETTLED = 0.05;
    /** The loopback agents' threads: their task servers' handlers and HTTP dispatchers, and the CPU executor's. */
    private static final List<String> AGENT_THREADS = List.of("mmc-node-http", "HTTP-Dispatcher", "matmul-cpu");

    private TaskBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int agentCount = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 128;
        int warmUp = Math.min(units, args.length > 4 ? Integer.parseInt(args[4]) : 1_000);
        boolean apart = args.length > 5 && args[5].equals("apart");
        // a band of exactly `rows` rows: B and the band's rows of A and C
        long unitBytes = (long) Float.BYTES * ((long) size * size + (long) rows * (size + size));
        try (ConfigurableApplicationContext hub = BenchmarkHub.start("tasks",
                "--mmc.probe.allowed-networks=127.0.0.0/8", "--mmc.tasks.gemm.max-unit-bytes=" + unitBytes + "B",
                "--mmc.tasks.gemm.max-outputs=" + (long) units * rows * size);
             LoopbackAgents agents = new LoopbackAgents(hub.getBean(NodeRegistry.class),
                     hub.getEnvironment().getRequiredProperty("mmc.hub-id"), hub.getBean(Clock.class))) {
            for (int i = 0; i < agentCount; i++) {
                agents.start(Behaviour.HONEST);
            }
            if (apart) {
                // the nodes' CPU apart from the Hub's, as on other machines: every thread of this JVM and MariaDB on
                // CPU 0, then the agents' threads on CPU 1 (those they start later inherit it)
                CorePinning.pinProcess(ProcessHandle.current().pid(), "0");
                CorePinning.pinProcess(Long.parseLong(Files.readString(BenchmarkHub.dataDir("tasks")
                        .resolve("mariadbd.pid")).strip()), "0");
                System.out.printf("agents apart: %d agent threads on CPU 1; the Hub, its MariaDB, the JIT and the"
                        + " plain client on CPU 0%n", CorePinning.pinThreads(AGENT_THREADS, "1"));
            }
            List<String> endpoints = agents.agents().stream().map(LoopbackAgents.Agent::endpoint).toList();
            int concurrency = hub.getBean(TaskSettings.class).concurrency();
            NodeClient client = new NodeClient(AddressPolicy.allowing(List.of("127.0.0.0/8")));
            List<TaskRequest.GemmProduct> requested = products(units, rows, size, 42);
            List<MatmulOperands> operands = requested.stream().map(product -> MatmulChallenge.generate(
                    HexFormat.of().parseHex(product.seed()), product.m(), product.k(), product.n())).toList();
            PhaseCost cost = new PhaseCost(hub.getBean(JdbcTemplate.class), BenchmarkHub.dataDir("tasks"), AGENT_THREADS);
            System.out.printf("tasks: %,d units of %d x %d by %d x %d (%,.0f flop each) over %d agents, concurrency"
                    + " %d%n", units, rows, size, size, size, 2.0 * rows * size * size, agentCount, concurrency);
            hub.getBean(TaskDispatcher.class).start();
            warmUp(hub, operands, rows, size, warmUp, endpoints, client, concurrency);
            // the agents' counts are read outside each phase's costs: cost.since is taken first
            long withB = bandsWithB(endpoints);
            PhaseCost.Snapshot before = cost.now();
            double bareBefore = bare(operands, rows, units, endpoints, client, concurrency);
            String bareCostBefore = cost.since(before, units) + withB(endpoints, withB, units);
            withB = bandsWithB(endpoints);
            before = cost.now();
            double hubSeconds = viaHub(hub, requested, units);
            String hubCost = cost.since(before, units) + withB(endpoints, withB, units);
            withB = bandsWithB(endpoints);
            before = cost.now();
            double bareAfter = bare(operands, rows, units, endpoints, client, concurrency);
            String bareCostAfter = cost.since(before, units) + withB(endpoints, withB, units);
            double floor = (bareBefore + bareAfter) / 2;
            System.out.printf("bare (plain client to the agents): %.2f s and %.2f s, %,.0f units/s, %.3f ms a unit"
                    + " in flight%n", bareBefore, bareAfter, units / floor, floor * 1000 * concurrency / units);
            System.out.printf("Hub (dispatch + verify + record): %.2f s, %,.0f units/s, %.3f ms a unit in flight%n",
                    hubSeconds, units / hubSeconds, hubSeconds * 1000 * concurrency / units);
            System.out.printf("Hub overhead: %.3f ms a unit (wall), %.3f ms a unit in flight; ratio Hub / bare %.3f"
                    + " (target <= 1.10)%n", (hubSeconds - floor) * 1000 / units,
                    (hubSeconds - floor) * 1000 * concurrency / units, hubSeconds / floor);
            System.out.printf("bare before: %s%nHub:         %s%nbare after:  %s%n", bareCostBefore, hubCost,
                    bareCostAfter);
        }
    }

    /**
     * Warm-up of the agents, this client and the Hub, not counted: rounds of {@code units} units each way, at least
     * {@link #WARM_UP_ROUNDS_MIN}, until the Hub's round is no longer faster than the best before it by more than
     * {@link #SETTLED} and the JIT compilers took no more than {@link #COMPILING_SETTLED} of the round (a long-running
     * Hub's state), {@link #WARM_UP_ROUNDS} at most. On 2 cores the compilers were still busy with the Hub's code after
     * six rounds of 1 000 units, and took the CPU the Hub's phase was measured with.
     */
    private static void warmUp(ConfigurableApplicationContext hub, List<MatmulOperands> operands, int rows, int size,
                               int units, List<String> endpoints, NodeClient client, int concurrency) throws Exception {
        CompilationMXBean compilers = ManagementFactory.getCompilationMXBean();
        double best = Double.MAX_VALUE;
        for (int round = 1; round <= WARM_UP_ROUNDS; round++) {
            long compiledBefore = compilers.getTotalCompilationTime();
            long started = System.nanoTime();
            bare(operands, rows, units, endpoints, client, concurrency);
            double seconds = viaHub(hub, products(units, rows, size, 42 + round), units);
            double compiling = (compilers.getTotalCompilationTime() - compiledBefore) / 1e3 / BenchmarkHub.seconds(started);
            System.out.printf("warm-up round %d: %,d units each way, the JIT compiling %.0f %% of it%n", round, units,
                    100 * compiling);
            if (round >= WARM_UP_ROUNDS_MIN && seconds > best * (1 - SETTLED) && compiling <= COMPILING_SETTLED) {
                return;
            }
            best = Math.min(best, seconds);
        }
    }

    /** The bands the agents were sent with B in full, as their health pages count them. */
    private static long bandsWithB(List<String> endpoints) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long bands = 0;
        for (String endpoint : endpoints) {
            String health = http.send(HttpRequest.newBuilder(URI.create(endpoint + MatmulWireFormat.HEALTH_PATH)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher withB = WITH_B.matcher(health);
            if (!withB.find()) {
                throw new IllegalStateException("no gemmBands.withB in " + endpoint + "'s health: " + health);
            }
            bands += Long.parseLong(withB.group(1));
        }
        return bands;
    }

    private static String withB(List<String> endpoints, long before, int units) throws Exception {
        return String.format(Locale.ROOT, "; B sent in full with %.1f %% of the units",
                100.0 * (bandsWithB(endpoints) - before) / units);
    }

    /** Seeded products of {@code rows}-row bands, as many as hold {@code units} bands of a product of at most 4096 rows. */
    private static List<TaskRequest.GemmProduct> products(int units, int rows, int size, int seed) {
        int bandsPerProduct = ROWS_PER_PRODUCT_MAX / rows;
        List<TaskRequest.GemmProduct> products = new ArrayList<>();
        for (int left = units; left > 0; left -= bandsPerProduct) {
            products.add(new TaskRequest.GemmProduct(null, null, HexFormat.of().formatHex(new byte[] {
                    (byte) products.size(), (byte) seed}), Math.min(left, bandsPerProduct) * rows, size, size));
        }
        return products;
    }

    /** Seconds the Hub takes from submission to the task being DONE; fails unless every unit was done. */
    private static double viaHub(ConfigurableApplicationContext hub, List<TaskRequest.GemmProduct> products, int units)
            throws InterruptedException {
        ApiUsers users = hub.getBean(ApiUsers.class);
        ApiUser user = users.create("bench-" + System.nanoTime(), "11111111111111111111111111111111").user();
        hub.getBean(CreditLedger.class).grant(user, CreditLedger.MAX_GRANT, "benchmark", "bench");
        TaskService tasks = hub.getBean(TaskService.class);
        long started = System.nanoTime();
        TaskView view = tasks.submit(user.id(), new TaskRequest(TaskKind.GEMM, null, products, null, null, null));
        double submitted = BenchmarkHub.seconds(started);
        if (view.units().total() != units) {
            throw new IllegalStateException("the task has " + view.units().total() + " units, not " + units);
        }
        // the task's row alone, 20 times a second: the full view (units by state, attempts per node) read that often
        // would load the database more than the dispatcher does, and a faster poll costs the Hub's phase CPU it does
        // not use itself
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        while ("RUNNING".equals(jdbc.queryForObject("SELECT status FROM task WHERE id = ?", String.class, view.id()))) {
            Thread.sleep(50);
        }
        double seconds = BenchmarkHub.seconds(started);
        view = tasks.status(view.id());
        if (!"DONE".equals(view.status()) || view.units().done() != units) {
            throw new IllegalStateException("the task ended " + view.status() + ": " + view.units() + " " + view.detail());
        }
        System.out.printf("Hub: submitted in %.2f s (plan, hold, %,d unit rows), done %.2f s after submission%n",
                submitted, units, seconds);
        return seconds;
    }

    /**
     * Seconds a plain client takes to send the units to the agents, {@code concurrency} at a time: each of its workers
     * keeps to one agent, spread over them, and sends a product's B with its first band of the product only (the
     * agent keeps it by hash for the next ones), the fewest bytes a plain client can send.
     */
    private static double bare(List<MatmulOperands> operands, int rows, int units, List<String> endpoints,
                               NodeClient client, int concurrency) throws Exception {
        int bandsPerProduct = operands.get(0).m() / rows;
        List<byte[]> bHashes = operands.stream().map(product -> MatmulWireFormat.hashOf(product.k(), product.n(),
                product.b())).toList();
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                String endpoint = endpoints.get(w * endpoints.size() / concurrency);
                done.add(workers.submit(() -> {
                    int sentB = -1;
                    for (int unit = next.getAndIncrement(); unit < units; unit = next.getAndIncrement()) {
                        int product = unit / bandsPerProduct;
                        int first = unit % bandsPerProduct * rows;
                        MatmulOperands band = operands.get(product).rows(first, first + rows);
                        byte[] body = product == sentB ? MatmulWireFormat.encodeGemmKept(band, bHashes.get(product))
                                : MatmulWireFormat.encodeGemm(band, bHashes.get(product));
                        sentB = product;
                        NodeClient.Reply reply = client.post(endpoint, MatmulWireFormat.GEMM_PATH,
                                "application/octet-stream", body, System.nanoTime() + Duration.ofSeconds(60).toNanos(),
                                band.outputs() * Float.BYTES, 200);
                        if (reply.status() != 200 || reply.body().length != band.outputs() * Float.BYTES) {
                            throw new IllegalStateException("unit " + unit + ": " + reply.outcome() + " "
                                    + reply.status() + " " + reply.printableBody());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : done) {
                worker.get();
            }
        } finally {
            workers.shutdownNow();
        }
        return BenchmarkHub.seconds(started);
    }
}
