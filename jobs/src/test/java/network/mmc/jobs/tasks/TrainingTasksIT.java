package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mmc.gpu.training.Classifier;
import network.mmc.gpu.training.CpuShardGradients;
import network.mmc.gpu.training.IrisDataset;
import network.mmc.gpu.training.LabelledDataset;
import network.mmc.gpu.training.MlpParameters;
import network.mmc.jobs.apiusers.ApiUsers;
import network.mmc.jobs.apiusers.CreditLedger;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.simulation.LoopbackAgents.Behaviour;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestNode;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * TRAINING tasks end to end: real node agents on loopback, the dispatcher as {@code serve} runs it, the REST API;
 * the trained model's hash and held-out accuracy are compared with training on this machine alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestPropertySource(properties = {"mmc.tasks.dispatch-interval=PT0.1S", "mmc.tasks.unit-timeout=PT5S",
        "mmc.tasks.lease-margin=PT1S", "mmc.tasks.concurrency=8", "mmc.tasks.units-per-node=2"})
class TrainingTasksIT extends HubIntegrationTest {

    private static final LabelledDataset IRIS = IrisDataset.load();
    private static final int STEPS = 60;

    @Autowired
    Clock clock;
    @Autowired
    NodeRegistry registry;
    @Autowired
    TaskDispatcher dispatcher;
    @Autowired
    ApiUsers users;
    @Autowired
    CreditLedger ledger;

    private LoopbackAgents agents;
    private final List<String> honest = new ArrayList<>();
    private String cheater;

    @BeforeAll
    void startAgentsAndTheDispatcher() {
        // nodes that other tests of this JVM left online would take units: these tests use their own agents only
        jdbc.update("UPDATE node SET last_status_at = ? WHERE kind = 'COMPUTING'",
                UtcTimestamps.of(Instant.now().minus(Duration.ofDays(1))));
        agents = new LoopbackAgents(registry, TestNode.HUB_ID, clock);
        for (int i = 0; i < 8; i++) {
            honest.add(agents.start(Behaviour.HONEST).nodeId());
        }
        cheater = agents.start(Behaviour.WRONG_RESULT).nodeId();
        dispatcher.start();
    }

    @AfterAll
    void stopAgents() {
        agents.close();
        online(List.of());
    }

    @Test
    void trainingOverOneThreeAndEightAgentsGivesTheSingleMachinesHashAndAccuracy() {
        MlpParameters single = IrisDataset.referencePlan(STEPS).trainLocally(IRIS.training(), new CpuShardGradients());
        int heldOutCorrect = new Classifier(single).correct(IRIS.heldOut());
        HubClient user = aUser(100_000);

        for (int count : new int[] {1, 3, 8}) {
            online(honest.subList(0, count));

            String id = submit(user, count, STEPS);
            JsonNode done = awaitEnd(user, id);

            assertThat(done.get("status").asString()).as("%d agents: %s", count, done).isEqualTo("DONE");
            JsonNode training = user.get("/api/tasks/" + id + "/result").body().get("training");
            assertThat(training.get("parametersHash").asString()).as("%d agents", count).isEqualTo(single.hashHex());
            assertThat(training.get("heldOutAccuracy").get("correct").asInt()).isEqualTo(heldOutCorrect);
            assertThat(training.get("steps").asInt()).isEqualTo(STEPS);
            assertThat(training.get("heldOutAccuracy").get("of").asInt()).isEqualTo(30);
            assertThat(jdbc.queryForList("SELECT DISTINCT node_id FROM call_record WHERE event_id LIKE ?", String.class,
                    "task:" + id + ":%")).hasSize(count);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM task_training_step WHERE task_id = ?", Integer.class,
                    id)).isEqualTo(STEPS + 1);
            assertThat(done.get("credits").get("charged").asLong()).isEqualTo(done.get("credits").get("estimate").asLong());
        }
    }

    @Test
    void aNodeReturningWrongGradientsIsCaughtExcludedAndItsShardRunElsewhere() {
        List<String> nodes = new ArrayList<>(honest.subList(0, 3));
        nodes.add(cheater);
        online(nodes);
        HubClient user = aUser(100_000);

        String id = submit(user, 4, 30);
        JsonNode done = awaitEnd(user, id);

        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(jdbc.queryForList("SELECT status FROM call_record WHERE event_id LIKE ? AND node_id = ?", String.class,
                "task:" + id + ":%", cheater)).containsExactly("WRONG_RESULT");
        assertThat(user.get("/api/tasks/" + id + "/result").body().get("training").get("parametersHash").asString())
                .isEqualTo(IrisDataset.referencePlan(30).trainLocally(IRIS.training(), new CpuShardGradients()).hashHex());
    }

    @Test
    void cancellingATrainingTaskCancelsItsWaitingStepsAndChargesNothingForThem() {
        online(List.of());
        HubClient user = aUser(1_000);
        String id = submit(user, 2, 20);

        HubClient.Response cancelled = user.delete("/api/tasks/" + id);

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().get("units").get("cancelled").asInt()).isEqualTo(40);
        assertThat(cancelled.body().get("credits").get("held").asLong()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM task_unit WHERE task_id = ? AND status <> 'CANCELLED'",
                Integer.class, id)).isZero();
    }

    @Test
    void aTrainingTaskCancelledMidwayHasTheParametersOfItsLastFullStepAsItsPartialResult() {
        online(honest.subList(0, 2));
        HubClient user = aUser(100_000);
        String id = submit(user, 2, 200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM task_training_step WHERE task_id = ?", Integer.class, id) >= 3);

        assertThat(user.delete("/api/tasks/" + id).status()).isEqualTo(200);
        JsonNode ended = awaitEnd(user, id);

        assertThat(ended.get("status").asString()).isEqualTo("CANCELLED");
        int applied = jdbc.queryForObject("SELECT MAX(step) FROM task_training_step WHERE task_id = ?", Integer.class, id);
        assertThat(applied).isBetween(2, 199);
        int fullyDone = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT product_index FROM task_unit WHERE task_id = ?"
                + " GROUP BY product_index HAVING SUM(status <> 'DONE') = 0) steps", Integer.class, id);
        assertThat(applied).as("every step whose shards were all done, those on nodes at the cancel too, is applied")
                .isEqualTo(fullyDone);
        JsonNode result = user.get("/api/tasks/" + id + "/result").body();
        assertThat(result.get("complete").asBoolean()).isFalse();
        JsonNode training = result.get("training");
        assertThat(training.get("steps").asInt()).isEqualTo(applied);
        assertThat(training.get("plannedSteps").asInt()).isEqualTo(200);
        assertThat(training.get("parametersHash").asString()).isEqualTo(IrisDataset.referencePlan(applied)
                .trainLocally(IRIS.training(), new CpuShardGradients()).hashHex());
    }

    @Test
    void samplesThatOverflowFixedPointFailTheTaskNamingTheStepAndCostTheNodeNothing() {
        online(honest.subList(0, 1));
        HubClient user = aUser(1_000);
        Map<String, Object> training = Map.of("widths", List.of(4, 3), "samples", Map.of("features",
                List.of(List.of(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE)),
                "labels", List.of(0)), "steps", 1, "batchSize", 1, "learningRate", "1/4");
        HubClient.Response submitted = user.post("/api/tasks", Map.of("kind", "TRAINING", "training", training));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        String id = submitted.body().get("id").asString();

        JsonNode ended = awaitEnd(user, id);

        assertThat(ended.get("status").asString()).isEqualTo("FAILED");
        assertThat(ended.get("detail").asString()).startsWith("unit 0: step 0 cannot be trained: its shard of rows [0, 1)"
                + " overflows Q16.16 fixed point (");
        assertThat(ended.get("credits").get("charged").asLong()).isZero();
        assertThat(ended.get("credits").get("held").asLong()).isZero();
        // the node was right to refuse: a success that earns nothing, not a failure against its quality
        assertThat(jdbc.queryForList("SELECT node_id, status, credits FROM call_record WHERE event_id LIKE ?",
                "task:" + id + ":%")).singleElement().satisfies(call -> {
                    assertThat(call.get("node_id")).isEqualTo(honest.get(0));
                    assertThat(call.get("status")).isEqualTo("SUCCESS");
                    assertThat(((Number) call.get("credits")).longValue()).isZero();
                });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM task_node_record WHERE task_id = ?", Integer.class, id))
                .isZero();
    }

    @Test
    void aBadTrainingRequestIsRefusedNamingTheField() {
        HubClient user = aUser(1_000);
        Map<String, Object> training = new LinkedHashMap<>(training(2, 20));
        training.put("learningRate", "fast");

        HubClient.Response refused = user.post("/api/tasks", Map.of("kind", "TRAINING", "training", training));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("training.learningRate 'fast' is not p/q");
    }

    private static Map<String, Object> training(int shards, int steps) {
        return Map.of("dataset", "iris", "widths", List.of(4, 16, 3), "seed", 7, "batchSize", 24, "steps", steps,
                "learningRate", "1/4", "shards", shards);
    }

    private String submit(HubClient user, int shards, int steps) {
        HubClient.Response submitted = user.post("/api/tasks", Map.of("kind", "TRAINING", "training",
                training(shards, steps)));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        return submitted.body().get("id").asString();
    }

    private HubClient aUser(long credits) {
        ApiUsers.Created created = users.create("train-user-" + System.nanoTime(), TestNode.aWallet());
        ledger.grant(created.user(), credits, "training test", "TrainingTasksIT");
        return hub().withKey(created.key().secret());
    }

    private JsonNode awaitEnd(HubClient user, String id) {
        JsonNode[] task = new JsonNode[1];
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
                task[0] = user.get("/api/tasks/" + id).body();
                return !"RUNNING".equals(task[0].get("status").asString())
                        && task[0].get("units").get("running").asInt() == 0;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("task " + id + " did not end: " + task[0] + "; units not done " + jdbc.queryForList(
                    "SELECT unit_index, status, attempts, node_id, last_error FROM task_unit WHERE task_id = ?"
                            + " AND status <> 'DONE' LIMIT 10", id), e);
        }
        return task[0];
    }

    /** Exactly these of this test's agents are online. */
    private void online(List<String> nodes) {
        List<String> mine = new ArrayList<>(honest);
        mine.add(cheater);
        for (String node : mine) {
            Instant at = nodes.contains(node) ? clock.instant() : clock.instant().minus(Duration.ofDays(1));
            jdbc.update("UPDATE node SET last_status_at = ? WHERE node_id = ?", UtcTimestamps.of(at), node);
        }
    }
}
