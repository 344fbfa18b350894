package network.mmc.jobs.bench;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 * the same agents, round robin, at the dispatcher's concurrency: bare execution with no Hub. Arguments:
 * [units] [agents] [rows] [size] (default 10 000, 200, 8 and 128).
 */
public final class TaskBenchmark {

    private static final int ROWS_PER_PRODUCT_MAX = 4096;

    private TaskBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int units = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int agentCount = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 128;
        int bandsPerProduct = ROWS_PER_PRODUCT_MAX / rows;
        List<int[]> products = new ArrayList<>();
        for (int left = units; left > 0; left -= bandsPerProduct) {
            products.add(new int[] {Math.min(left, bandsPerProduct) * rows, size, size});
        }
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
            List<String> endpoints = agents.agents().stream().map(LoopbackAgents.Agent::endpoint).toList();
            int concurrency = hub.getBean(TaskSettings.class).concurrency();
            NodeClient client = new NodeClient(AddressPolicy.allowing(List.of("127.0.0.0/8")));
            List<MatmulOperands> operands = new ArrayList<>();
            List<TaskRequest.GemmProduct> requested = new ArrayList<>();
            for (int p = 0; p < products.size(); p++) {
                int[] mkn = products.get(p);
                String seed = HexFormat.of().formatHex(new byte[] {(byte) p, 42});
                requested.add(new TaskRequest.GemmProduct(null, null, seed, mkn[0], mkn[1], mkn[2]));
                operands.add(MatmulChallenge.generate(HexFormat.of().parseHex(seed), mkn[0], mkn[1], mkn[2]));
            }
            System.out.printf("tasks: %,d units of %d x %d by %d x %d (%,.0f flop each) over %d agents, concurrency"
                    + " %d%n", units, rows, size, size, size, 2.0 * rows * size * size, agentCount, concurrency);
            // warm-up of the agents and this client (JIT), not counted
            bare(operands, rows, Math.min(units, 1_000), endpoints, client, concurrency);
            double bareBefore = bare(operands, rows, units, endpoints, client, concurrency);
            double hubSeconds = viaHub(hub, requested, units);
            double bareAfter = bare(operands, rows, units, endpoints, client, concurrency);
            double floor = (bareBefore + bareAfter) / 2;
            System.out.printf("bare (plain client to the agents): %.2f s and %.2f s, %,.0f units/s, %.3f ms a unit"
                    + " in flight%n", bareBefore, bareAfter, units / floor, floor * 1000 * concurrency / units);
            System.out.printf("Hub (dispatch + verify + record): %.2f s, %,.0f units/s, %.3f ms a unit in flight%n",
                    hubSeconds, units / hubSeconds, hubSeconds * 1000 * concurrency / units);
            System.out.printf("Hub overhead: %.3f ms a unit (wall), %.3f ms a unit in flight; ratio Hub / bare %.3f"
                    + " (target <= 1.10)%n", (hubSeconds - floor) * 1000 / units,
                    (hubSeconds - floor) * 1000 * concurrency / units, hubSeconds / floor);
        }
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
        hub.getBean(TaskDispatcher.class).start();
        // the task's row alone: the full view (units by state, attempts per node) read 50 times a second would load
        // the database more than the dispatcher does
        JdbcTemplate jdbc = hub.getBean(JdbcTemplate.class);
        while ("RUNNING".equals(jdbc.queryForObject("SELECT status FROM task WHERE id = ?", String.class, view.id()))) {
            Thread.sleep(10);
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

    /** Seconds a plain client takes to send the units to the agents, round robin, {@code concurrency} at a time. */
    private static double bare(List<MatmulOperands> operands, int rows, int units, List<String> endpoints,
                               NodeClient client, int concurrency) throws Exception {
        int bandsPerProduct = operands.get(0).m() / rows;
        AtomicInteger next = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                done.add(workers.submit(() -> {
                    for (int unit = next.getAndIncrement(); unit < units; unit = next.getAndIncrement()) {
                        int first = unit % bandsPerProduct * rows;
                        MatmulOperands band = operands.get(unit / bandsPerProduct).rows(first, first + rows);
                        NodeClient.Reply reply = client.post(endpoints.get(unit % endpoints.size()),
                                MatmulWireFormat.GEMM_PATH, "application/octet-stream",
                                MatmulWireFormat.encodeOperands(band), System.nanoTime()
                                        + Duration.ofSeconds(60).toNanos(), band.outputs() * Float.BYTES, 200);
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
