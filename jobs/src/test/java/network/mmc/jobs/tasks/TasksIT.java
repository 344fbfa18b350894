package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulOperands;
import network.mmc.gpu.MatmulWireFormat;
import network.mmc.gpu.MlpModel;
import network.mmc.gpu.MlpTolerance;
import network.mmc.jobs.apiusers.ApiUser;
import network.mmc.jobs.apiusers.ApiUsers;
import network.mmc.jobs.apiusers.CreditLedger;
import network.mmc.settlement.CallStatus;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.simulation.LoopbackAgents.Agent;
import network.mmc.jobs.simulation.LoopbackAgents.Behaviour;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestNode;
import network.mmc.settlement.SettlementWindow;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * API users' GEMM tasks end to end: real node agents on loopback (four honest, one that answers every unit with one
 * element off by one, one registered and online whose port has nothing listening), the dispatcher as {@code serve}
 * runs it, the REST API with the users' own keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestPropertySource(properties = {"mmc.tasks.dispatch-interval=PT0.1S", "mmc.tasks.unit-timeout=PT5S",
        "mmc.tasks.lease-margin=PT1S", "mmc.tasks.concurrency=8", "mmc.tasks.gemm.max-unit-bytes=16KB",
        "mmc.tasks.mlp.max-unit-bytes=80KB"})
class TasksIT extends HubIntegrationTest {

    /** The Hub's clock, which the last test moves past the end of the window its records are in, to settle it. */
    static final class AdjustableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockOfTheseTests {

        @Bean
        @Primary
        AdjustableClock adjustableClock() {
            return new AdjustableClock();
        }
    }

    @Autowired
    AdjustableClock clock;
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
    private String down;

    /** An API user of these tests and a client with its key. */
    private record User(ApiUser account, HubClient client) {
    }

    @BeforeAll
    void startAgentsAndTheDispatcher() {
        // every IT of this JVM shares the database: nodes that earlier tests left online, their agents stopped,
        // would take units; these tests dispatch to their own agents only
        jdbc.update("UPDATE node SET last_status_at = ? WHERE kind = 'COMPUTING'",
                UtcTimestamps.of(Instant.now().minus(Duration.ofDays(1))));
        agents = new LoopbackAgents(registry, TestNode.HUB_ID, clock);
        for (int i = 0; i < 4; i++) {
            honest.add(agents.start(Behaviour.HONEST).nodeId());
        }
        cheater = agents.start(Behaviour.WRONG_RESULT).nodeId();
        down = agents.start(Behaviour.DOWN).nodeId();
        dispatcher.start();
    }

    /** A test that takes the agents offline may end before it brings them back. */
    @BeforeEach
    void agentsOnline() {
        setOnline(true);
    }

    @AfterAll
    void stopAgents() {
        // its clock is hours ahead by now: it would expire other tests' tasks
        dispatcher.destroy();
        agents.close();
        setOnline(false);
    }

    @Test
    void aGemmTaskSpreadOverTheNodesGivesTheProductsOneMachineComputes() {
        User user = aUser(1_000);
        MatmulOperands fractional = fractional(new Random(17), 96, 48, 32);
        MatmulOperands seeded = MatmulChallenge.generate(HexFormat.of().parseHex("5eed"), 100, 64, 16);
        MatmulOperands small = new MatmulOperands(2, 3, 2, new float[] {1, 2, 3, 4, 5, 6}, new float[] {1, 0, 0, 1, -1, 2});

        HubClient.Response submitted = user.client().post("/api/tasks", Map.of("kind", "GEMM", "products", List.of(
                explicit(fractional), Map.of("seed", "5eed", "m", 100, "k", 64, "n", 16), explicit(small))));

        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        String id = submitted.body().get("id").asString();
        assertThat(submitted.headers().firstValue("Location")).hasValue("/api/tasks/" + id);
        assertThat(submitted.body().get("units").get("total").asInt()).isEqualTo(7);
        JsonNode done = awaitEnd(user, id);
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        JsonNode products = user.client().get("/api/tasks/" + id + "/result").body().get("products");
        assertThat(products).hasSize(3);
        assertThat(matrix(products.get(0))).isEqualTo(productOnOneMachine(fractional));
        assertThat(matrix(products.get(1))).isEqualTo(productOnOneMachine(seeded));
        assertThat(matrix(products.get(2))).containsExactly(-2f, 8f, -2f, 17f);
        assertThat(done.get("credits").get("charged").asLong()).isEqualTo(done.get("credits").get("estimate").asLong())
                .isEqualTo(7);
        assertThat(done.get("credits").get("held").asLong()).isZero();
        assertThat(ledger.summary(users.find(user.account().name())).balance()).isEqualTo(1_000 - 7);
    }

    @Test
    void aNodeAnsweringWronglyIsExcludedFromTheTaskAndUnitsOfWrongOrSilentNodesRunElsewhere() {
        User user = aUser(100);

        String id = submit(user, seededProducts(2));
        JsonNode done = awaitEnd(user, id);

        assertThat(done.get("status").asString()).isEqualTo("DONE");
        List<Map<String, Object>> records = callRecords(id);
        List<Map<String, Object>> byCheater = records.stream().filter(r -> cheater.equals(r.get("node_id"))).toList();
        // the first pass gives one unit to each of the six nodes, so the cheater gets one, and no second
        assertThat(byCheater).hasSize(1);
        assertThat(byCheater.get(0)).containsEntry("status", "WRONG_RESULT").containsEntry("credits", 0L);
        String cheatedUnit = unitOf(byCheater.get(0));
        assertThat(records).filteredOn(r -> unitOf(r).equals(cheatedUnit) && "SUCCESS".equals(r.get("status")))
                .singleElement().satisfies(r -> assertThat(honest).contains((String) r.get("node_id")));
        List<Map<String, Object>> byDown = records.stream().filter(r -> down.equals(r.get("node_id"))).toList();
        assertThat(byDown).singleElement().satisfies(r -> assertThat(r).containsEntry("status", "FAILED")
                .containsEntry("credits", 0L));
        assertThat(records).filteredOn(r -> unitOf(r).equals(unitOf(byDown.get(0))) && "SUCCESS".equals(r.get("status")))
                .singleElement().satisfies(r -> assertThat(honest).contains((String) r.get("node_id")));
        assertThat(node(done, down).get("excluded").asBoolean()).as("a node that failed may take other units").isFalse();
        assertThat(records).allSatisfy(r -> assertThat(r).containsEntry("caller_type", "API_USER")
                .containsEntry("caller_id", user.account().name()).containsEntry("caller_wallet", user.account().wallet())
                .containsEntry("task_type", "gemm"));
        assertThat(records).filteredOn(r -> "SUCCESS".equals(r.get("status"))).hasSize(6)
                .allSatisfy(r -> assertThat((Long) r.get("credits")).isEqualTo(1L));
        JsonNode cheaterLine = node(done, cheater);
        assertThat(cheaterLine.get("excluded").asBoolean()).isTrue();
        assertThat(cheaterLine.get("wrongResult").asInt()).isEqualTo(1);
        assertThat(cheaterLine.get("credits").asLong()).isZero();
        assertThat(done.get("credits").get("charged").asLong()).isEqualTo(6);
    }

    /**
     * 15 units over six nodes and eight workers: the first pass sends six and has the next six wait, one for each node
     * (a unit that would wait for a node anyway waits for one). The cheater's and the silent node's go back to the queue
     * when those nodes fail theirs, rather than to them.
     */
    @Test
    void unitsWaitingForANodeThatAnswersWronglyOrNotAtAllGoBackToTheQueueAndRunElsewhere() {
        User user = aUser(100);

        String id = submit(user, seededProducts(5));
        JsonNode done = awaitEnd(user, id);

        assertThat(done.get("status").asString()).isEqualTo("DONE");
        List<Map<String, Object>> records = callRecords(id);
        assertThat(records).filteredOn(r -> cheater.equals(r.get("node_id"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "WRONG_RESULT"));
        assertThat(records).filteredOn(r -> down.equals(r.get("node_id"))).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "FAILED"));
        List<Map<String, Object>> verified = records.stream().filter(r -> "SUCCESS".equals(r.get("status"))).toList();
        assertThat(verified).hasSize(15).allSatisfy(r -> assertThat(honest).contains((String) r.get("node_id")));
        assertThat(verified.stream().map(TasksIT::unitOf).distinct()).hasSize(15);
        assertThat(done.get("credits").get("charged").asLong()).isEqualTo(15);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM task_unit WHERE task_id = ? AND status = 'DONE'",
                Integer.class, id)).isEqualTo(15);
    }

    @Test
    void anInferenceTaskSpreadOverTheNodesGivesTheOutputsOfOneMachineWithinTheStatedTolerance() {
        User user = aUser(1_000);
        Random random = new Random(23);
        float[][][] weights = {uniform(random, 8, 16), uniform(random, 16, 4)};
        float[][] biases = {uniform(random, 1, 16)[0], uniform(random, 1, 4)[0]};
        float[][] inputs = uniform(random, 600, 8);

        HubClient.Response submitted = user.client().post("/api/tasks", inference(weights, biases, inputs));

        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        // 128 rows pad one GPU tile of the kernel, which 80 KB holds: 600 rows make 5 bands of 120
        assertThat(submitted.body().get("units").get("total").asInt()).isEqualTo(5);
        String id = submitted.body().get("id").asString();
        JsonNode done = awaitEnd(user, id);
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("DONE");
        JsonNode result = user.client().get("/api/tasks/" + id + "/result").body();
        assertThat(result.get("kind").asString()).isEqualTo("MLP_INFERENCE");
        assertThat(result.get("rows").asInt()).isEqualTo(600);
        assertThat(result.get("columns").asInt()).isEqualTo(4);
        double[][] exact = inferenceOnOneMachine(weights, biases, inputs);
        MlpTolerance tolerance = MlpTolerance.of(model(weights, biases), flat(inputs), inputs.length);
        JsonNode outputs = result.get("outputs");
        assertThat(outputs).hasSize(600);
        for (int row = 0; row < 600; row++) {
            for (int column = 0; column < 4; column++) {
                assertThat(outputs.get(row).get(column).asDouble()).as("output [%d][%d]", row, column)
                        .isCloseTo(exact[row][column], within(tolerance.bound(row * 4 + column)));
            }
        }
        assertThat(done.get("credits").get("charged").asLong()).isEqualTo(5);
        assertThat(jdbc.queryForList("SELECT DISTINCT task_type FROM call_record WHERE event_id LIKE ?", String.class,
                "task:" + id + ":%")).containsExactly("mlp-inference");
    }

    @Test
    void aNodeCheatingOnInferenceIsCaughtByTheReExecutionExcludedAndItsUnitRunsElsewhere() {
        User user = aUser(1_000);
        Random random = new Random(29);
        float[][][] weights = {uniform(random, 8, 16), uniform(random, 16, 4)};
        float[][] biases = {uniform(random, 1, 16)[0], uniform(random, 1, 4)[0]};

        HubClient.Response submitted = user.client().post("/api/tasks", inference(weights, biases,
                uniform(random, 1_200, 8)));
        String id = submitted.body().get("id").asString();
        JsonNode done = awaitEnd(user, id);

        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("DONE");
        List<Map<String, Object>> records = callRecords(id);
        List<Map<String, Object>> byCheater = records.stream().filter(r -> cheater.equals(r.get("node_id"))).toList();
        // the first pass gives one of the ten units to each node; the cheater's answer is always checked (it has
        // never passed one), found wrong, and it gets no second unit
        assertThat(byCheater).singleElement().satisfies(r -> assertThat(r).containsEntry("status", "WRONG_RESULT")
                .containsEntry("credits", 0L));
        assertThat(records).filteredOn(r -> unitOf(r).equals(unitOf(byCheater.get(0))) && "SUCCESS".equals(r.get("status")))
                .singleElement().satisfies(r -> assertThat(honest).contains((String) r.get("node_id")));
        assertThat(node(done, cheater).get("excluded").asBoolean()).isTrue();
        // a checked answer is counted just after its attempt is recorded
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(jdbc.queryForMap("SELECT clean_checks, wrong_results FROM node_track_record WHERE node_id = ?",
                    cheater)).containsEntry("clean_checks", 0L).satisfies(row -> assertThat((Long) row.get("wrong_results"))
                    .isPositive());
            assertThat(honest).allSatisfy(node -> assertThat(jdbc.queryForList("SELECT clean_checks FROM"
                    + " node_track_record WHERE node_id = ?", Long.class, node)).as("checked answers of " + node)
                    .singleElement().satisfies(clean -> assertThat(clean).isPositive()));
        });
        assertThat(done.get("credits").get("charged").asLong()).isEqualTo(10);
    }

    @Test
    void anInferenceTaskWithLayersThatDoNotChainIsRefusedNamingTheLayer() {
        User user = aUser(100);
        Random random = new Random(31);

        HubClient.Response refused = user.client().post("/api/tasks", inference(new float[][][] {uniform(random, 8, 16),
                uniform(random, 15, 4)}, new float[][] {new float[16], new float[4]}, uniform(random, 3, 8)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("detail").asString()).isEqualTo("model.layers[1] takes 15 inputs (rows of weights)"
                + " and model.layers[0] gives 16 outputs");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM task WHERE api_user_id = ?", Long.class,
                user.account().id())).isZero();
    }

    @Test
    void aTaskTheBalanceCannotCoverIsRefusedUpFrontAndHoldsNothing() {
        User user = aUser(3);

        HubClient.Response refused = user.client().post("/api/tasks", Map.of("kind", "GEMM", "products",
                seededProducts(2)));

        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.body().get("detail").asString()).isEqualTo("this task is estimated at 6 credits and API user '"
                + user.account().name() + "' has 3 available (3 short); ask OPS to grant credits, or submit less work");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM task WHERE api_user_id = ?", Long.class,
                user.account().id())).isZero();
        assertThat(ledger.summary(user.account())).satisfies(credits -> {
            assertThat(credits.balance()).isEqualTo(3);
            assertThat(credits.held()).isZero();
        });
    }

    @Test
    void cancellingATaskStopsItsDispatchAndChargesNothingForItsPendingUnits() {
        User user = aUser(50);
        setOnline(false);
        String id = submit(user, seededProducts(2));

        HubClient.Response cancelled = user.client().delete("/api/tasks/" + id);

        assertThat(cancelled.status()).as(cancelled.text()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().get("units").get("cancelled").asInt()).isEqualTo(6);
        assertThat(cancelled.body().get("credits").get("charged").asLong()).isZero();
        assertThat(cancelled.body().get("credits").get("held").asLong()).isZero();
        assertThat(ledger.summary(user.account()).balance()).isEqualTo(50);
        assertThat(user.client().delete("/api/tasks/" + id).status()).isEqualTo(409);
        assertThat(user.client().get("/api/tasks/" + id + "/result").body().get("detail").asString())
                .isEqualTo("task " + id + " is CANCELLED (0 of 6 units done): it ended with no unit done, so it has"
                        + " no result");
        // a later task runs to its end once the nodes are back: the cancelled one, queued before it, would have first
        setOnline(true);
        assertThat(awaitEnd(user, submit(user, seededProducts(1))).get("status").asString()).isEqualTo("DONE");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE event_id LIKE ?", Long.class,
                "task:" + id + ":%")).isZero();
        assertThat(ledger.summary(user.account()).balance()).isEqualTo(50 - 3);
    }

    @Test
    void anotherUsersTaskIsNotFoundAndOtherKeysMayNotSubmit() {
        User owner = aUser(10);
        User other = aUser(10);
        setOnline(false);
        String id = submit(owner, seededProducts(1));

        assertThat(other.client().get("/api/tasks/" + id).status()).isEqualTo(404);
        assertThat(other.client().delete("/api/tasks/" + id).status()).isEqualTo(404);
        assertThat(owner.client().delete("/api/tasks/" + id).status()).isEqualTo(200);
        setOnline(true);
        assertThat(hub().post("/api/tasks", Map.of("kind", "GEMM")).status()).isEqualTo(401);
    }

    @Test
    void concurrentTasksNeverTakeTheBalanceBelowZero() throws Exception {
        User user = aUser(5);
        List<Callable<HubClient.Response>> submissions = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            submissions.add(() -> user.client().post("/api/tasks", Map.of("kind", "GEMM", "products",
                    List.of(Map.of("seed", "0a", "m", 2, "k", 2, "n", 2)))));
        }

        List<HubClient.Response> answers = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            for (Future<HubClient.Response> answer : threads.invokeAll(submissions)) {
                answers.add(answer.get());
            }
        } finally {
            threads.shutdownNow();
        }

        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(HubClient.Response::status,
                Collectors.counting()));
        assertThat(byStatus).containsOnly(Map.entry(201, 5L), Map.entry(402, 7L));
        answers.stream().filter(a -> a.status() == 201)
                .forEach(a -> assertThat(awaitEnd(user, a.body().get("id").asString()).get("status").asString())
                        .isEqualTo("DONE"));
        assertThat(ledger.summary(user.account())).satisfies(credits -> {
            assertThat(credits.balance()).isZero();
            assertThat(credits.spent()).isEqualTo(5);
        });
        assertThat(jdbc.queryForObject("SELECT SUM(amount) FROM credit_entry WHERE api_user_id = ?", Long.class,
                user.account().id())).isZero();
    }

    @Test
    void aUnitWhoseHubStoppedMidAttemptIsSentAgainAfterItsLeaseAndChargedOnce() {
        User user = aUser(20);
        setOnline(false);
        String id = submit(user, seededProducts(1));
        // as a Hub instance that claimed unit 0 and was killed leaves it
        sentByAnInstance(id, 0, "a-stopped-hub", clock.instant().minusSeconds(1));

        setOnline(true);
        JsonNode done = awaitEnd(user, id);

        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(jdbc.queryForList("SELECT event_id FROM call_record WHERE event_id LIKE ?", String.class,
                "task:" + id + ":0:%")).as("attempt 1 was lost with its Hub: it has no record, the next ones go on")
                .isNotEmpty().doesNotContain("task:" + id + ":0:1");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE event_id LIKE ? AND status = 'SUCCESS'",
                Long.class, "task:" + id + ":0:%")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_entry WHERE task_id = ? AND kind = 'CHARGE'",
                Long.class, id)).isEqualTo(3);
        assertThat(ledger.summary(user.account()).balance()).isEqualTo(20 - 3);
    }

    @Test
    void aNodeThatRestartedAndKeepsNoLongerAProductsBIsSentItAgainWithinTheSameAttempt() {
        User user = aUser(20);
        String id = queuedWhileTheNodesAreOffline(user);
        String node = honest.get(0);
        // unit 2 waits as an instance that stopped left it on another node; units 0 and 1 run on the one online
        // node, which keeps B
        sentByAnInstance(id, 2, "a-stopped-hub", clock.instant().plusSeconds(600));
        jdbc.update("UPDATE task_unit SET node_id = ? WHERE task_id = ? AND unit_index = 2", honest.get(1), id);
        jdbc.update("UPDATE node SET last_status_at = ? WHERE node_id = ?", UtcTimestamps.of(clock.instant()), node);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM task_unit WHERE task_id = ? AND status = 'DONE'", Long.class, id) == 2);

        // when: the node restarts, and then unit 2's lease runs out: the Hub names B by hash, the node has none
        agents.restart(node);
        jdbc.update("UPDATE task_unit SET lease_until = ? WHERE task_id = ? AND unit_index = 2",
                UtcTimestamps.of(clock.instant().minusSeconds(1)), id);
        JsonNode done = awaitEnd(user, id);

        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(jdbc.queryForList("SELECT CONCAT(event_id, ' ', node_id, ' ', status) FROM call_record"
                + " WHERE event_id LIKE ? ORDER BY event_id", String.class, "task:" + id + ":%")).containsExactly(
                "task:" + id + ":0:1 " + node + " SUCCESS", "task:" + id + ":1:1 " + node + " SUCCESS",
                "task:" + id + ":2:2 " + node + " SUCCESS");
        JsonNode product = user.client().get("/api/tasks/" + id + "/result").body().get("products").get(0);
        assertThat(matrix(product)).isEqualTo(productOnOneMachine(MatmulChallenge.generate(HexFormat.of()
                .parseHex("c000"), 100, 64, 16)));
        // the restarted node was asked by B's hash, answered 409, and was sent B
        assertThat(health(node).get("gemmBands").toString()).isEqualTo("{\"withB\":1,\"keptB\":0,\"unknownB\":1}");
    }

    @Test
    void aUnitWhoseLeaseRunsOutAfterItsTaskEndedIsCancelledAndItsHoldReleased() {
        User user = aUser(20);
        String id = queuedWhileTheNodesAreOffline(user);
        // as a Hub instance that sent unit 0 and was killed leaves it, and then the user cancels the task
        sentByAnInstance(id, 0, "a-stopped-hub", clock.instant().minusSeconds(1));
        cancel(user, id);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject(
                "SELECT status FROM task_unit WHERE task_id = ? AND unit_index = 0", String.class, id)
                .equals("CANCELLED"));

        JsonNode task = user.client().get("/api/tasks/" + id).body();
        assertThat(task.get("units").get("cancelled").asInt()).isEqualTo(3);
        assertThat(task.get("credits").get("held").asLong()).isZero();
        assertThat(task.get("credits").get("charged").asLong()).isZero();
        assertThat(ledger.summary(user.account()).balance()).isEqualTo(20);
    }

    @Test
    void aVerifiedAnswerIsChargedOnlyWhenItsUnitWasSentBeforeItsTaskWasCancelled(@Autowired TaskStore store) {
        User user = aUser(20);
        String id = queuedWhileTheNodesAreOffline(user);
        Instant beforeTheCancel = clock.instant();
        for (int unit : new int[] {0, 1}) {
            sentByAnInstance(id, unit, "this-test", clock.instant().plusSeconds(600));
        }
        cancel(user, id);
        Instant afterTheCancel = clock.instant().plusSeconds(1);

        // when: unit 0 was on its node before the cancel, unit 1 left the Hub after it (it waited for a worker)
        store.record(List.of(verified(id, 0, beforeTheCancel), verified(id, 1, afterTheCancel)), "this-test", 3, clock);

        assertThat(jdbc.queryForList("SELECT status FROM task_unit WHERE task_id = ? ORDER BY unit_index", String.class,
                id)).containsExactly("DONE", "CANCELLED", "CANCELLED");
        assertThat(jdbc.queryForList("SELECT credits FROM call_record WHERE event_id LIKE ? ORDER BY event_id",
                Long.class, "task:" + id + ":%")).containsExactly(1L, 0L);
        assertThat(ledger.ofTask(id)).isEqualTo(new CreditLedger.TaskCredits(1, 0));
        assertThat(ledger.summary(user.account()).balance()).isEqualTo(19);
    }

    @Test
    void theUnitsACancelledTaskHadDoneAreItsPartialResultKeptForTheRetention(@Autowired TaskStore store) {
        User user = aUser(20);
        String id = queuedWhileTheNodesAreOffline(user);
        Instant beforeTheCancel = clock.instant();
        sentByAnInstance(id, 1, "this-test", clock.instant().plusSeconds(600));
        cancel(user, id);
        float[] c = productOnOneMachine(MatmulChallenge.generate(HexFormat.of().parseHex("c000"), 100, 64, 16));

        // when: unit 1, on its node before the cancel, is verified after it
        store.record(List.of(verified(id, 1, beforeTheCancel, c)), "this-test", 3, clock);
        store.purge(clock.instant(), Duration.ofDays(30), 100_000);

        HubClient.Response result = user.client().get("/api/tasks/" + id + "/result");
        assertThat(result.status()).as(result.text()).isEqualTo(200);
        assertThat(result.body().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(result.body().get("complete").asBoolean()).isFalse();
        JsonNode rows = result.body().get("products").get(0).get("c");
        assertThat(rows).hasSize(100);
        int[] unit1 = jdbc.queryForObject("SELECT first_row, last_row FROM task_unit WHERE task_id = ? AND unit_index = 1",
                (row, i) -> new int[] {row.getInt(1), row.getInt(2)}, id);
        for (int row = 0; row < 100; row++) {
            if (row >= unit1[0] && row < unit1[1]) {
                for (int column = 0; column < 16; column++) {
                    assertThat(rows.get(row).get(column).floatValue()).isEqualTo(c[row * 16 + column]);
                }
            } else {
                assertThat(rows.get(row).isNull()).as("row %d, of a unit not done", row).isTrue();
            }
        }
        assertThat(ledger.ofTask(id)).isEqualTo(new CreditLedger.TaskCredits(1, 0));

        store.purge(clock.instant().plus(Duration.ofDays(30)).plusSeconds(60), Duration.ofDays(30), 100_000);
        assertThat(user.client().get("/api/tasks/" + id + "/result").status()).isEqualTo(409);
    }

    @Test
    void aTaskThatEndedWithoutAResultLosesItsInputsAndADoneOneItsResultAfterTheRetention(@Autowired TaskStore store) {
        User user = aUser(20);
        String cancelled = queuedWhileTheNodesAreOffline(user);
        cancel(user, cancelled);
        setOnline(true);
        String done = submit(user, seededProducts(1));
        assertThat(awaitEnd(user, done).get("status").asString()).isEqualTo("DONE");

        store.purge(clock.instant(), Duration.ofDays(30), 100_000);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM task_product WHERE task_id = ?", Long.class, cancelled))
                .isZero();
        assertThat(store.purgedAt(cancelled)).isPresent();
        assertThat(user.client().get("/api/tasks/" + done + "/result").status()).isEqualTo(200);

        // when: 30 days and a minute later
        store.purge(clock.instant().plus(Duration.ofDays(30)).plusSeconds(60), Duration.ofDays(30), 100_000);

        HubClient.Response result = user.client().get("/api/tasks/" + done + "/result");
        assertThat(result.status()).isEqualTo(409);
        assertThat(result.body().get("detail").asString()).startsWith("the result of task " + done + " was deleted at ")
                .contains(Duration.ofDays(30) + " (mmc.tasks.retention) after the task finished at ");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM task_unit_result WHERE task_id = ?", Long.class, done))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM task_product WHERE task_id = ?", Long.class, done))
                .isZero();
        JsonNode task = user.client().get("/api/tasks/" + done).body();
        assertThat(task.get("status").asString()).isEqualTo("DONE");
        assertThat(task.get("credits").get("charged").asLong()).isEqualTo(3);
    }

    /** A task of one seeded product (three units) submitted while this test's nodes are offline: nothing runs. */
    private String queuedWhileTheNodesAreOffline(User user) {
        setOnline(false);
        return submit(user, seededProducts(1));
    }

    private static void cancel(User user, String taskId) {
        assertThat(user.client().delete("/api/tasks/" + taskId).status()).isEqualTo(200);
    }

    /** The unit as its first attempt leaves it: RUNNING on the first honest node, claimed by {@code instance}. */
    private void sentByAnInstance(String taskId, int unitIndex, String instance, Instant leaseUntil) {
        jdbc.update("UPDATE task_unit SET status = 'RUNNING', attempts = 1, node_id = ?, claimed_by = ?, lease_until = ?"
                + " WHERE task_id = ? AND unit_index = ?", honest.get(0), instance, UtcTimestamps.of(leaseUntil), taskId,
                unitIndex);
    }

    /** A verified answer (of zeros) of attempt 1 of a unit from the first honest node, sent at {@code sentAt}. */
    private TaskStore.Attempt verified(String taskId, int unitIndex, Instant sentAt) {
        return verified(taskId, unitIndex, sentAt, new float[100 * 16]);
    }

    /** The same with the unit's rows of {@code c}, a product of 16 columns. */
    private TaskStore.Attempt verified(String taskId, int unitIndex, Instant sentAt, float[] c) {
        QueuedUnit unit = jdbc.queryForObject("SELECT t.kind, u.product_index, u.first_row, u.last_row, u.price,"
                + " u.gpu_bytes, a.name, a.wallet FROM task_unit u JOIN task t ON t.id = u.task_id JOIN api_user a"
                + " ON a.id = t.api_user_id WHERE u.task_id = ? AND u.unit_index = ?", (row, i) -> new QueuedUnit(taskId,
                TaskKind.valueOf(row.getString(1)), unitIndex, row.getInt(2), row.getInt(3), row.getInt(4),
                row.getLong(5), row.getLong(6), 0, 0, row.getString(7), row.getString(8)), taskId, unitIndex);
        return new TaskStore.Attempt(unit, "gemm", 1, honest.get(0), sentAt, 5, CallStatus.SUCCESS, null,
                TaskStore.bytes(Arrays.copyOfRange(c, unit.first() * 16, unit.last() * 16)), false, false);
    }

    @Test
    void anAnswerTheDatabaseRefusesFailsItsUnitAloneWhileTheAnswersRecordedWithItAreKept() {
        User user = aUser(20);
        String id = queuedWhileTheNodesAreOffline(user);
        // the database refuses unit 1's result, every time, as it would one past its max_allowed_packet
        jdbc.execute("CREATE TRIGGER refuse_one_result BEFORE INSERT ON task_unit_result FOR EACH ROW"
                + " IF NEW.task_id = '" + id + "' AND NEW.unit_index = 1 THEN"
                + " SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'refused by this test'; END IF");
        JsonNode ended;
        try {
            // the honest nodes only: each attempt of unit 1 is then verified, and refused by the database
            for (String node : honest) {
                jdbc.update("UPDATE node SET last_status_at = ? WHERE node_id = ?", UtcTimestamps.of(clock.instant()),
                        node);
            }
            ended = awaitEnd(user, id);
        } finally {
            jdbc.execute("DROP TRIGGER refuse_one_result");
        }

        assertThat(ended.get("status").asString()).isEqualTo("FAILED");
        assertThat(ended.get("detail").asString()).startsWith("unit 1 failed 3 times; the last: the answer could not"
                + " be recorded: ").contains("refused by this test");
        assertThat(jdbc.queryForList("SELECT status FROM call_record WHERE event_id LIKE ?", String.class,
                "task:" + id + ":1:%")).as("each attempt of unit 1 is a FAILED call record, not a lost one")
                .containsExactly("FAILED", "FAILED", "FAILED");
        List<Integer> done = jdbc.queryForList("SELECT unit_index FROM task_unit WHERE task_id = ? AND status = 'DONE'",
                Integer.class, id);
        assertThat(done).doesNotContain(1);
        for (int unit : done) {
            assertThat(jdbc.queryForList("SELECT status FROM call_record WHERE event_id LIKE ?", String.class,
                    "task:" + id + ":" + unit + ":%")).containsExactly("SUCCESS");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM task_unit_result WHERE task_id = ? AND unit_index = ?",
                    Long.class, id, unit)).isEqualTo(1);
        }
        assertThat(ledger.ofTask(id)).isEqualTo(new CreditLedger.TaskCredits(done.size(), 0));
        assertThat(ledger.summary(user.account()).balance()).isEqualTo(20 - done.size());
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theirCallRecordsSettleLikeAnyOtherCountingTheCreditsOfTheExecutingNodes() {
        User user = aUser(100);
        String id = submit(user, seededProducts(2));
        assertThat(awaitEnd(user, id).get("status").asString()).isEqualTo("DONE");
        List<String> mine = new ArrayList<>(honest);
        mine.addAll(List.of(cheater, down));
        Set<Instant> windows = new TreeSet<>();
        jdbc.queryForList("SELECT recorded_at FROM call_record WHERE caller_type = 'API_USER' AND event_id LIKE 'task:%'",
                Timestamp.class).forEach(t -> windows.add(SettlementWindow.containing(UtcTimestamps.toInstant(t),
                Duration.ofHours(2)).start()));

        clock.advance(Duration.between(Instant.now(), windows.stream().max(Instant::compareTo).orElseThrow())
                .plus(Duration.ofHours(2)).plus(Duration.ofMinutes(10)));
        for (Instant start : windows) {
            settlement.settle(settlement.window(start));
        }

        for (Instant start : windows) {
            SettlementWindow window = settlement.window(start);
            Map<String, Long> expected = new LinkedHashMap<>();
            jdbc.query("SELECT node_id, SUM(CASE WHEN status = 'SUCCESS' THEN credits ELSE 0 END) FROM call_record"
                            + " WHERE recorded_at >= ? AND recorded_at < ? GROUP BY node_id",
                    (ResultSet row) -> {
                        expected.put(row.getString(1), row.getLong(2));
                    }, UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()));
            Map<String, Long> settled = new LinkedHashMap<>();
            jdbc.query("SELECT ns.node_id, ns.credits FROM node_settlement ns JOIN settlement_run r ON r.id = ns.run_id"
                    + " WHERE r.window_start = ?", (ResultSet row) -> {
                        settled.put(row.getString(1), row.getLong(2));
                    }, UtcTimestamps.of(window.start()));
            for (String node : mine) {
                assertThat(settled.get(node)).as(node + " in " + start).isEqualTo(expected.get(node));
            }
        }
        long charged = jdbc.queryForObject("SELECT SUM(credits) FROM call_record WHERE caller_type = 'API_USER'"
                + " AND event_id LIKE 'task:%'", Long.class);
        long settledCredits = jdbc.queryForObject("SELECT SUM(ns.credits) FROM node_settlement ns JOIN settlement_run r"
                + " ON r.id = ns.run_id WHERE ns.node_id IN (" + String.join(",", mine.stream().map(n -> "'" + n + "'")
                .toList()) + ")", Long.class);
        assertThat(settledCredits).isEqualTo(charged).isPositive();
        assertThat(jdbc.queryForObject("SELECT -SUM(amount) FROM credit_entry WHERE kind = 'CHARGE'", Long.class))
                .isEqualTo(charged);
    }

    private User aUser(long credits) {
        ApiUsers.Created created = users.create("it-user-" + System.nanoTime(), TestNode.aWallet());
        if (credits > 0) {
            ledger.grant(created.user(), credits, "tasks test", "TasksIT");
        }
        return new User(created.user(), hub().withKey(created.key().secret()));
    }

    /** {@code count} seeded products of 100 x 64 by 64 x 16: three units of one credit each, with 16 KB units. */
    private static List<Map<String, Object>> seededProducts(int count) {
        List<Map<String, Object>> products = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            products.add(Map.of("seed", String.format("c0%02x", i), "m", 100, "k", 64, "n", 16));
        }
        return products;
    }

    private String submit(User user, List<Map<String, Object>> products) {
        HubClient.Response submitted = user.client().post("/api/tasks", Map.of("kind", "GEMM", "products", products));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        return submitted.body().get("id").asString();
    }

    private JsonNode awaitEnd(User user, String id) {
        JsonNode[] task = new JsonNode[1];
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                task[0] = user.client().get("/api/tasks/" + id).body();
                return !"RUNNING".equals(task[0].get("status").asString())
                        && task[0].get("units").get("running").asInt() == 0;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("task " + id + " did not end: " + task[0] + "; units " + jdbc.queryForList(
                    "SELECT unit_index, status, attempts, failures, node_id, last_error FROM task_unit WHERE task_id = ?",
                    id) + "; attempts " + jdbc.queryForList("SELECT event_id, node_id, status FROM call_record"
                    + " WHERE event_id LIKE ?", "task:" + id + ":%"), e);
        }
        return task[0];
    }

    /** The agent's own health page: what its task server has counted. */
    private JsonNode health(String nodeId) {
        String endpoint = agents.agents().stream().filter(agent -> agent.nodeId().equals(nodeId)).findFirst()
                .orElseThrow().endpoint();
        try {
            return JsonMapper.builder().build().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(endpoint + MatmulWireFormat.HEALTH_PATH)).build(), HttpResponse.BodyHandlers.ofString())
                    .body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reports a status for (or takes back the last status of) each agent of these tests. */
    private void setOnline(boolean online) {
        Instant at = online ? clock.instant() : clock.instant().minus(Duration.ofDays(1));
        List<String> mine = new ArrayList<>(honest);
        mine.addAll(List.of(cheater, down));
        for (String node : mine) {
            jdbc.update("UPDATE node SET last_status_at = ? WHERE node_id = ?", UtcTimestamps.of(at), node);
        }
    }

    /** The task's call records, as settlement reads them. */
    private List<Map<String, Object>> callRecords(String taskId) {
        return jdbc.queryForList("SELECT event_id, node_id, caller_type, caller_id, caller_wallet, task_type, status,"
                + " credits FROM call_record WHERE event_id LIKE ?", "task:" + taskId + ":%");
    }

    private static String unitOf(Map<String, Object> record) {
        String eventId = (String) record.get("event_id");
        return eventId.substring(0, eventId.lastIndexOf(':'));
    }

    private static JsonNode node(JsonNode task, String nodeId) {
        for (JsonNode node : task.get("nodes")) {
            if (node.get("nodeId").asString().equals(nodeId)) {
                return node;
            }
        }
        throw new AssertionError("no line for node " + nodeId + " in " + task);
    }

    private static Map<String, Object> inference(float[][][] weights, float[][] biases, float[][] inputs) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            layers.add(Map.of("weights", weights[l], "biases", biases[l]));
        }
        return Map.of("kind", "MLP_INFERENCE", "model", Map.of("layers", layers), "inputs", inputs);
    }

    /** Uniform in (-1, 1). */
    private static float[][] uniform(Random random, int rows, int columns) {
        float[][] values = new float[rows][columns];
        for (float[] row : values) {
            for (int i = 0; i < columns; i++) {
                row[i] = random.nextFloat() * 2 - 1;
            }
        }
        return values;
    }

    /** y = x·W + b layer after layer, ReLU between, each sum in double: the exact outputs. */
    private static double[][] inferenceOnOneMachine(float[][][] weights, float[][] biases, float[][] inputs) {
        double[][] out = new double[inputs.length][];
        for (int row = 0; row < inputs.length; row++) {
            double[] x = new double[inputs[row].length];
            for (int i = 0; i < x.length; i++) {
                x[i] = inputs[row][i];
            }
            for (int l = 0; l < weights.length; l++) {
                double[] y = new double[biases[l].length];
                for (int o = 0; o < y.length; o++) {
                    double sum = biases[l][o];
                    for (int i = 0; i < x.length; i++) {
                        sum += x[i] * weights[l][i][o];
                    }
                    y[o] = l < weights.length - 1 ? Math.max(0, sum) : sum;
                }
                x = y;
            }
            out[row] = x;
        }
        return out;
    }

    private static MlpModel model(float[][][] weights, float[][] biases) {
        List<MlpModel.Layer> layers = new ArrayList<>();
        for (int l = 0; l < weights.length; l++) {
            layers.add(new MlpModel.Layer(weights[l].length, biases[l].length, flat(weights[l]), biases[l]));
        }
        return new MlpModel(layers);
    }

    private static float[] flat(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int row = 0; row < rows.length; row++) {
            System.arraycopy(rows[row], 0, flat, row * rows[0].length, rows[0].length);
        }
        return flat;
    }

    /** The operands as the request's JSON rows. */
    private static Map<String, Object> explicit(MatmulOperands operands) {
        return Map.of("a", rows(operands.a(), operands.m(), operands.k()), "b", rows(operands.b(), operands.k(),
                operands.n()));
    }

    private static float[][] rows(float[] values, int rows, int columns) {
        float[][] matrix = new float[rows][columns];
        for (int row = 0; row < rows; row++) {
            System.arraycopy(values, row * columns, matrix[row], 0, columns);
        }
        return matrix;
    }

    private static float[] matrix(JsonNode product) {
        int m = product.get("m").asInt();
        int n = product.get("n").asInt();
        float[] c = new float[m * n];
        JsonNode rows = product.get("c");
        assertThat(rows).hasSize(m);
        for (int row = 0; row < m; row++) {
            assertThat(rows.get(row)).hasSize(n);
            for (int column = 0; column < n; column++) {
                c[row * n + column] = (float) rows.get(row).get(column).asDouble();
            }
        }
        return c;
    }

    /** C = A·B as one machine computes it in FP32: each entry summed over k in order. */
    private static float[] productOnOneMachine(MatmulOperands operands) {
        float[] c = new float[operands.m() * operands.n()];
        for (int i = 0; i < operands.m(); i++) {
            for (int j = 0; j < operands.n(); j++) {
                float sum = 0;
                for (int p = 0; p < operands.k(); p++) {
                    sum += operands.a()[i * operands.k() + p] * operands.b()[p * operands.n() + j];
                }
                c[i * operands.n() + j] = sum;
            }
        }
        return c;
    }

    private static MatmulOperands fractional(Random random, int m, int k, int n) {
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() * 2 - 1;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat() * 2 - 1;
        }
        return new MatmulOperands(m, k, n, a, b);
    }
}
