package network.mmc.jobs.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import network.mmc.gpu.MlpModel;
import network.mmc.gpu.MlpTolerance;
import network.mmc.gpu.training.Classifier;
import network.mmc.gpu.training.CpuShardGradients;
import network.mmc.gpu.training.IrisDataset;
import network.mmc.gpu.training.LabelledDataset;
import network.mmc.gpu.training.MlpParameters;
import network.mmc.jobs.apiusers.ApiUser;
import network.mmc.jobs.apiusers.ApiUsers;
import network.mmc.jobs.apiusers.CreditLedger;
import network.mmc.jobs.calls.CallTotals;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.nodes.NodeSettings;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.jobs.settlement.SettlementSettings;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.simulation.LoopbackAgents.Behaviour;
import network.mmc.jobs.simulation.SimulatedOwners;
import network.mmc.jobs.tasks.TaskDispatcher;
import network.mmc.jobs.tasks.TaskKind;
import network.mmc.jobs.tasks.TaskRequest;
import network.mmc.jobs.tasks.TaskService;
import network.mmc.jobs.tasks.TaskView;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.TimeText;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's AI tasks: its API user (one per seed, granted credits once) submits an MLP inference task and an Iris
 * TRAINING task, which the dispatcher runs over three real node agents on loopback, the third of which cheats. One
 * pair of tasks per 2-hour window, as with the probe round: a re-run in the same window shows the stored tasks and
 * starts no agent.
 */
final class DemoTasks {

    /** The demo splits inference into units of 128 rows with this (README: Demo). */
    static final String MLP_UNIT_SETTING = "mmc.tasks.mlp.max-unit-bytes";
    static final String MLP_UNIT_BYTES = "128KB";
    static final long GRANT = 1_000_000;
    static final int TRAINING_STEPS = 100;
    private static final int SHARDS = 3;
    private static final int INFERENCE_ROWS = 1024;
    private static final int[] INFERENCE_WIDTHS = {16, 64, 64, 4};
    private static final Behaviour[] AGENTS = {Behaviour.HONEST, Behaviour.HONEST, Behaviour.WRONG_RESULT};
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final HubRuntime runtime;
    private final long seed;
    private final Duration period;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TaskService tasks;

    DemoTasks(HubRuntime runtime, long seed, Duration period) {
        this.runtime = runtime;
        this.seed = seed;
        this.period = period;
        this.jdbc = runtime.bean(JdbcTemplate.class);
        this.clock = runtime.bean(Clock.class);
        this.tasks = runtime.bean(TaskService.class);
    }

    static String userName(long seed) {
        return "demo-api-user-" + seed;
    }

    void run(PrintStream out) throws InterruptedException {
        ApiUser user = user(out);
        SettlementWindow window = SettlementWindow.containing(clock.instant(), period);
        Map<TaskKind, String> stored = storedTasks(user, window);
        long balanceBefore = user.balance();
        Map<TaskKind, TaskView> views = new EnumMap<>(TaskKind.class);
        if (stored.size() == 2 && stored.values().stream().map(tasks::status).allMatch(DemoTasks::ended)) {
            out.println("  the tasks of this 2-hour window ran in an earlier demo: their stored results, no agent"
                    + " started");
            stored.forEach((kind, id) -> views.put(kind, tasks.status(id)));
        } else {
            views.putAll(runOnAgents(user, stored, out));
        }
        Map<String, Integer> agentIndex = new LinkedHashMap<>();
        for (int i = 0; i < AGENTS.length; i++) {
            agentIndex.put(LoopbackAgents.nodeId(seed, i), i);
        }
        inference(views.get(TaskKind.MLP_INFERENCE), agentIndex, out);
        training(views.get(TaskKind.TRAINING), agentIndex, out);
        long balanceAfter = runtime.bean(ApiUsers.class).byId(user.id()).balance();
        long charged = views.values().stream().mapToLong(v -> v.credits().charged()).sum();
        out.printf("%ncredits: %,d charged for the verified units (estimates %,d held at submission, the rest"
                        + " released); balance %s → %,d%n", charged,
                views.values().stream().mapToLong(v -> v.credits().estimate()).sum(),
                stored.isEmpty() ? String.format("%,d", balanceBefore) : "(earlier demo)", balanceAfter);
        settlement(views.values().stream().map(TaskView::id).toList(), out);
    }

    /** The seed's API user: created with its grant the first time, found afterwards. */
    private ApiUser user(PrintStream out) {
        ApiUsers users = runtime.bean(ApiUsers.class);
        String name = userName(seed);
        return users.list().stream().filter(u -> u.name().equals(name)).findFirst().map(found -> {
            out.printf("API user %s (wallet %s) from an earlier demo: %,d credits, no new grant%n", found.name(),
                    found.wallet(), found.balance());
            return found;
        }).orElseGet(() -> {
            ApiUser created = users.create(name, SimulatedOwners.apiUserWallet(seed)).user();
            runtime.bean(CreditLedger.class).grant(created, GRANT, "demo credits", "demo");
            ApiUser granted = users.byId(created.id());
            out.printf("API user %s created (wallet %s), granted %,d credits%n", granted.name(), granted.wallet(),
                    GRANT);
            return granted;
        });
    }

    private Map<TaskKind, String> storedTasks(ApiUser user, SettlementWindow window) {
        Map<TaskKind, String> stored = new EnumMap<>(TaskKind.class);
        jdbc.query("SELECT kind, id FROM task WHERE api_user_id = ? AND submitted_at >= ? AND submitted_at < ?"
                        + " ORDER BY submitted_at", row -> {
                    stored.putIfAbsent(TaskKind.valueOf(row.getString(1)), row.getString(2));
                }, user.id(), UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()));
        stored.keySet().retainAll(List.of(TaskKind.MLP_INFERENCE, TaskKind.TRAINING));
        return stored;
    }

    private static boolean ended(TaskView view) {
        return !"RUNNING".equals(view.status()) && view.units().running() == 0;
    }

    /** Starts the agents, submits the tasks not stored yet and waits for every task to end. */
    private Map<TaskKind, TaskView> runOnAgents(ApiUser user, Map<TaskKind, String> stored, PrintStream out)
            throws InterruptedException {
        Map<TaskKind, String> ids = new EnumMap<>(stored);
        try (LoopbackAgents agents = new LoopbackAgents(runtime.bean(NodeRegistry.class),
                runtime.bean(Environment.class).getRequiredProperty("mmc.hub-id"), clock);
             OthersOffline ignored = new OthersOffline(jdbc, clock, agentIds(), runtime.bean(NodeSettings.class)
                     .onlineWindow())) {
            for (int i = 0; i < AGENTS.length; i++) {
                LoopbackAgents.Agent agent = agents.start(AGENTS[i], seed, i);
                out.printf("  agent %s  %-12s %s%n", agent.nodeId(), AGENTS[i], agent.endpoint());
            }
            out.println("  (the simulated nodes and the probe round's other agents have no task server: they are held"
                    + " offline while these tasks run, their last status time restored afterwards)");
            runtime.bean(TaskDispatcher.class).start();
            if (!ids.containsKey(TaskKind.MLP_INFERENCE)) {
                ids.put(TaskKind.MLP_INFERENCE, submit(user, new TaskRequest(TaskKind.MLP_INFERENCE, null, null,
                        inferenceModel(), inferenceInputs(), null), out));
            }
            if (!ids.containsKey(TaskKind.TRAINING)) {
                ids.put(TaskKind.TRAINING, submit(user, new TaskRequest(TaskKind.TRAINING, null, null, null, null,
                        new TaskRequest.Training("iris", null, null, new int[] {4, 16, 3}, 7L, 24, TRAINING_STEPS,
                                "1/4", SHARDS)), out));
            }
            Map<TaskKind, TaskView> views = new EnumMap<>(TaskKind.class);
            Instant giveUp = Instant.now().plus(WAIT);
            for (Map.Entry<TaskKind, String> task : ids.entrySet()) {
                TaskView view = tasks.status(task.getValue());
                while (!ended(view) && Instant.now().isBefore(giveUp)) {
                    Thread.sleep(200);
                    view = tasks.status(task.getValue());
                }
                views.put(task.getKey(), view);
            }
            return views;
        }
    }

    private List<String> agentIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < AGENTS.length; i++) {
            ids.add(LoopbackAgents.nodeId(seed, i));
        }
        return ids;
    }

    private String submit(ApiUser user, TaskRequest request, PrintStream out) {
        TaskView view = tasks.submit(user.id(), request);
        out.printf("  submitted %s task %s: %d units, estimate %,d credits held%n", view.kind(), view.id(),
                view.units().total(), view.credits().estimate());
        return view.id();
    }

    /** A 16-64-64-4 MLP with weights drawn from the seed. */
    private TaskRequest.Model inferenceModel() {
        Random random = new Random(seed);
        List<TaskRequest.Layer> layers = new ArrayList<>();
        for (int l = 1; l < INFERENCE_WIDTHS.length; l++) {
            float[][] weights = new float[INFERENCE_WIDTHS[l - 1]][INFERENCE_WIDTHS[l]];
            for (float[] row : weights) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = (float) (random.nextGaussian() / Math.sqrt(INFERENCE_WIDTHS[l - 1]));
                }
            }
            float[] biases = new float[INFERENCE_WIDTHS[l]];
            for (int j = 0; j < biases.length; j++) {
                biases[j] = (float) (random.nextGaussian() * 0.1);
            }
            layers.add(new TaskRequest.Layer(weights, biases));
        }
        return new TaskRequest.Model(layers);
    }

    private float[][] inferenceInputs() {
        Random random = new Random(seed + 1);
        float[][] inputs = new float[INFERENCE_ROWS][INFERENCE_WIDTHS[0]];
        for (float[] row : inputs) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return inputs;
    }

    private void inference(TaskView view, Map<String, Integer> agentIndex, PrintStream out) {
        out.println();
        printTask("MLP inference (16-64-64-4, " + INFERENCE_ROWS + " rows)", view, agentIndex, out);
        if (!"DONE".equals(view.status())) {
            return;
        }
        JsonNode outputs = result(view.id()).get("outputs");
        float[] answer = new float[outputs.size() * INFERENCE_WIDTHS[INFERENCE_WIDTHS.length - 1]];
        int i = 0;
        for (JsonNode row : outputs) {
            for (JsonNode value : row) {
                answer[i++] = value.floatValue();
            }
        }
        TaskRequest.Model requested = inferenceModel();
        List<MlpModel.Layer> layers = new ArrayList<>();
        for (TaskRequest.Layer layer : requested.layers()) {
            layers.add(new MlpModel.Layer(layer.weights().length, layer.biases().length, flatten(layer.weights()),
                    layer.biases()));
        }
        int mismatch = MlpTolerance.of(new MlpModel(layers), flatten(inferenceInputs()), INFERENCE_ROWS)
                .firstMismatch(answer);
        out.println(mismatch < 0
                ? "  outputs equal a single-machine computation in this process, within the stated FP32 tolerance"
                : "  output " + mismatch + " differs from a single-machine computation beyond the stated tolerance");
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * rows[r].length, rows[r].length);
        }
        return flat;
    }

    private void training(TaskView view, Map<String, Integer> agentIndex, PrintStream out) {
        out.println();
        printTask("TRAINING (Iris, 4-16-3, seed 7, batches of 24, " + TRAINING_STEPS + " steps, " + SHARDS
                + " shards a step)", view, agentIndex, out);
        if (!"DONE".equals(view.status())) {
            return;
        }
        JsonNode trained = result(view.id()).get("training");
        LabelledDataset iris = IrisDataset.load();
        MlpParameters single = IrisDataset.referencePlan(TRAINING_STEPS).trainLocally(iris.training(),
                new CpuShardGradients());
        int correct = new Classifier(single).correct(iris.heldOut());
        String hash = trained.get("parametersHash").asString();
        JsonNode accuracy = trained.get("heldOutAccuracy");
        out.printf("  held-out accuracy %d of %d (%.1f %%), parameter hash %s%n", accuracy.get("correct").asInt(),
                accuracy.get("of").asInt(), 100.0 * accuracy.get("correct").asInt() / accuracy.get("of").asInt(), hash);
        out.printf("  single-machine run in this process: %d of %d, hash %s: %s%n", correct,
                iris.heldOut().labels().length, single.hashHex(),
                hash.equals(single.hashHex()) && correct == accuracy.get("correct").asInt()
                        ? "bit-identical" : "DIFFERENT");
    }

    private void printTask(String title, TaskView view, Map<String, Integer> agentIndex, PrintStream out) {
        out.printf("%s: task %s %s, %d of %d units done, %d failed; %,d credits charged of %,d estimated%n", title,
                view.id(), view.status(), view.units().done(), view.units().total(), view.units().failed(),
                view.credits().charged(), view.credits().estimate());
        out.printf("  %-46s %7s %7s %7s %7s %8s%n", "NODE", "OK", "FAILED", "TIMEOUT", "WRONG", "CREDITS");
        for (TaskView.Node node : view.nodes()) {
            out.printf("  %-46s %7d %7d %7d %7d %,8d%s%n", node.nodeId() + " (agent " + agentIndex.get(node.nodeId())
                    + ")", node.success(), node.failed(), node.timeout(), node.wrongResult(), node.credits(),
                    node.excluded() ? "  excluded" : "");
        }
        view.nodes().stream().filter(TaskView.Node::excluded).forEach(node -> out.printf(
                "  cheat caught: %s answered %d unit(s) wrongly (WRONG_RESULT call records), was excluded from the"
                        + " rest of the task and its unit(s) ran again on another node%n", node.nodeId(),
                node.wrongResult()));
        if (view.detail() != null) {
            out.println("  " + view.detail());
        }
    }

    private JsonNode result(String taskId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            tasks.writeResult(taskId, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return runtime.bean(JsonMapper.class).readTree(bytes.toByteArray());
    }

    /**
     * Where the tasks' call records are settled: a window already due is settled now; the open window's are counted
     * in its call totals and settled once it is due.
     */
    private void settlement(List<String> taskIds, PrintStream out) {
        out.println();
        out.println("Their call records (API_USER, one per unit attempt, with the user's wallet) in settlement:");
        SettlementSettings settings = runtime.bean(SettlementSettings.class);
        Map<Instant, long[]> byWindow = new LinkedHashMap<>();
        for (String taskId : taskIds) {
            jdbc.query("SELECT recorded_at, status, credits FROM call_record WHERE event_id LIKE ?", row -> {
                Instant at = UtcTimestamps.toInstant(row.getTimestamp(1));
                long[] counts = byWindow.computeIfAbsent(SettlementWindow.containing(at, period).start(),
                        w -> new long[3]);
                counts[0]++;
                counts[1] += "WRONG_RESULT".equals(row.getString(2)) ? 1 : 0;
                counts[2] += row.getLong(3);
            }, "task:" + taskId + ":%");
        }
        Instant now = clock.instant();
        byWindow.forEach((start, counts) -> {
            SettlementWindow window = SettlementWindow.startingAt(start, period);
            out.printf("  window %s: %,d records (%,d WRONG_RESULT), %,d credits%n", TimeText.format(start), counts[0],
                    counts[1], counts[2]);
            if (window.isDue(now, settings.grace())) {
                runtime.bean(SettlementService.class).settleDue();
                SettlementRun run = runtime.bean(SettlementRuns.class).latest(window).orElseThrow();
                out.printf("    settled: run #%d revision %d counts %,d calls in this window%n", run.id(),
                        run.revision(), run.callCount());
            } else {
                CallTotals.WindowTotals totals = runtime.bean(CallTotals.class).receivedBetween(window.start(),
                        window.end());
                out.printf("    this window is still open: its call totals so far hold them (%,d calls, %,d OK,"
                                + " %,d credits); it is settled from %s (window end + grace), by the scheduler or"
                                + " `./mmc-hub settle`, not by this demo%n", totals.calls(), totals.ok(),
                        totals.successCredits(), TimeText.format(window.end().plus(settings.grace())));
            }
        });
    }

    /**
     * Holds every COMPUTING node but the agents offline (their last status report moved back past the online window)
     * and restores their status times on close: the simulated nodes have no task server, so they must take no unit.
     */
    private static final class OthersOffline implements AutoCloseable {

        private final JdbcTemplate jdbc;
        private final Map<String, Timestamp> lastStatus = new LinkedHashMap<>();

        OthersOffline(JdbcTemplate jdbc, Clock clock, List<String> agents, Duration onlineWindow) {
            this.jdbc = jdbc;
            Timestamp stale = UtcTimestamps.of(clock.instant().minus(onlineWindow).minus(Duration.ofMinutes(1)));
            jdbc.query("SELECT node_id, last_status_at FROM node WHERE kind = 'COMPUTING' AND last_status_at >= ?",
                    row -> {
                        if (!agents.contains(row.getString(1))) {
                            lastStatus.put(row.getString(1), row.getTimestamp(2));
                        }
                    }, stale);
            lastStatus.keySet().forEach(node -> jdbc.update("UPDATE node SET last_status_at = ? WHERE node_id = ?",
                    stale, node));
        }

        @Override
        public void close() {
            lastStatus.forEach((node, at) -> jdbc.update("UPDATE node SET last_status_at = ? WHERE node_id = ?", at,
                    node));
        }
    }
}
