package network.mmc.jobs.nodes;

import static network.mmc.jobs.support.TestNode.aNode;
import static network.mmc.jobs.support.TestNode.aWallet;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.jobs.support.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

class NodeRegistryIT extends HubIntegrationTest {

    @Autowired
    ApiKeys apiKeys;

    private TestNode registered() {
        TestNode node = aNode();
        assertThat(hub().post("/api/nodes", node.registerRequest(NodeKind.COMPUTING, "http://127.0.0.1:9/")).status())
                .isEqualTo(201);
        return node;
    }

    @Test
    void registersANodeSignedByItsKey() {
        TestNode node = aNode();

        HubClient.Response response = hub().post("/api/nodes", node.registerRequest(NodeKind.COMPUTING, null));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().get("nodeId").asString()).isEqualTo(node.id());
        assertThat(response.body().get("kind").asString()).isEqualTo("COMPUTING");
    }

    @Test
    void refusesARegistrationWithAForgedSignatureAndStoresNothing() {
        TestNode node = aNode();
        Map<String, Object> forged = new HashMap<>(node.registerRequest(NodeKind.COMPUTING, null));
        forged.put("signature", aNode().registerRequest(NodeKind.COMPUTING, null).get("signature"));

        HubClient.Response response = hub().post("/api/nodes", forged);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").asString()).contains("signature does not verify");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node WHERE node_id = ?", Long.class, node.id())).isZero();
    }

    @Test
    void refusesRegisteringTheSameKeyTwice() {
        TestNode node = registered();

        HubClient.Response again = hub().post("/api/nodes", node.registerRequest(NodeKind.COMPUTING, null));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asString()).contains("already registered");
    }

    @Test
    void aHeartbeatMakesTheNodeOnline() {
        TestNode node = registered();

        HubClient.Response response = hub().post("/api/nodes/" + node.id() + "/status", node.statusRequest());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("gpuModel").asString()).isEqualTo("H100");
        assertThat(response.body().get("lastStatusAt").isNull()).isFalse();
    }

    @Test
    void aHeartbeatSignedByAnotherKeyIsRefused() {
        TestNode node = registered();
        Map<String, Object> forged = aNode().statusRequest();

        HubClient.Response response = hub().post("/api/nodes/" + node.id() + "/status", forged);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").asString()).isEqualTo("signature does not verify for key " + node.id());
        assertThat(heartbeats(node)).isZero();
    }

    @Test
    void bindsAWalletWhileTheNodeIsOnlineAndKeepsHistoryOnRebinding() {
        TestNode node = registered();
        hub().post("/api/nodes/" + node.id() + "/status", node.statusRequest());
        String first = aWallet();
        String second = aWallet();

        assertThat(hub().post("/api/nodes/" + node.id() + "/wallet", node.bindRequest(first)).status()).isEqualTo(200);
        HubClient.Response rebound = hub().post("/api/nodes/" + node.id() + "/wallet", node.bindRequest(second));

        assertThat(rebound.body().get("ownerWallet").asString()).isEqualTo(second);
        HubClient.Response history = hub().get("/api/nodes/" + node.id() + "/wallet/history");
        assertThat(history.body().size()).isEqualTo(2);
        assertThat(history.body().get(1).get("previousWallet").asString()).isEqualTo(first);
        // settlement reads the owner at window end from the node row when it was bound before that end
        assertThat(jdbc.queryForObject("SELECT n.owner_bound_at = MAX(b.bound_at) FROM node n"
                + " JOIN node_wallet_binding b ON b.node_id = n.node_id WHERE n.node_id = ?", Boolean.class, node.id())).isTrue();
    }

    @Test
    void refusesBindingAWalletWhileTheNodeIsOffline() {
        TestNode node = registered();

        HubClient.Response response = hub().post("/api/nodes/" + node.id() + "/wallet", node.bindRequest(aWallet()));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().get("detail").asString()).contains("offline");
        assertThat(jdbc.queryForObject("SELECT owner_wallet FROM node WHERE node_id = ?", String.class, node.id())).isNull();
    }

    @Test
    void refusesAMalformedWallet() {
        TestNode node = registered();
        hub().post("/api/nodes/" + node.id() + "/status", node.statusRequest());

        HubClient.Response response = hub().post("/api/nodes/" + node.id() + "/wallet", node.bindRequest("not-a-wallet!"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").asString()).contains("wallet");
    }

    @Test
    void unknownNodeIs404() {
        assertThat(hub().get("/api/nodes/" + aWallet()).status()).isEqualTo(404);
    }

    @Test
    void stakeNeedsAnOpsKeyAndLeavesAnAuditTrail() {
        TestNode node = registered();
        Map<String, Object> change = Map.of("stake", 5_000_000_000_000L, "operator", "alice", "reason", "staked on chain");

        assertThat(hub().put("/api/nodes/" + node.id() + "/stake", change).status()).isEqualTo(401);
        assertThat(hub().withKey(apiKeys.create(Role.INGEST, "ingest")).put("/api/nodes/" + node.id() + "/stake", change)
                .status()).isEqualTo(403);
        String opsKey = apiKeys.create(Role.OPS, "stake-audit-ops");
        HubClient.Response ok = hub().withKey(opsKey).put("/api/nodes/" + node.id() + "/stake", change);
        long opsKeyId = jdbc.queryForObject("SELECT id FROM api_key WHERE label = 'stake-audit-ops'", Long.class);

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("stake").asLong()).isEqualTo(5_000_000_000_000L);
        assertThat(jdbc.queryForObject("SELECT changed_by FROM stake_change WHERE node_id = ?", String.class, node.id()))
                .isEqualTo("alice");
        assertThat(jdbc.queryForObject("SELECT n.stake_changed_at = s.changed_at FROM node n"
                + " JOIN stake_change s ON s.node_id = n.node_id WHERE n.node_id = ?", Boolean.class, node.id())).isTrue();
        assertThat(hub().get("/api/nodes/" + node.id() + "/stake/history").status()).isEqualTo(401);
        HubClient.Response history = hub().withKey(apiKeys.create(Role.FINANCE, "finance"))
                .get("/api/nodes/" + node.id() + "/stake/history");
        assertThat(history.status()).isEqualTo(200);
        assertThat(history.body().size()).isEqualTo(1);
        assertThat(history.body().get(0).get("previousStake").asLong()).isZero();
        assertThat(history.body().get(0).get("newStake").asLong()).isEqualTo(5_000_000_000_000L);
        assertThat(history.body().get(0).get("changedBy").asString()).isEqualTo("alice");
        assertThat(history.body().get(0).get("reason").asString()).isEqualTo("staked on chain");
        assertThat(history.body().get(0).get("apiKeyId").asLong()).as("the key that sent it, not only the name it gave")
                .isEqualTo(opsKeyId);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "file:///etc/passwd | endpointUrl 'file:///etc/passwd' is not an http or https URL",
            "gopher://127.0.0.1:6379/_FLUSHALL | endpointUrl 'gopher://127.0.0.1:6379/_FLUSHALL' is not an http or https URL",
            "javascript:alert(1) | endpointUrl 'javascript:alert(1)' is not an http or https URL",
            "http://127.0.0.1 | endpointUrl 'http://127.0.0.1' has no port between 1 and 65535",
            "http://127.0.0.1:7070/x?cmd=1 | endpointUrl 'http://127.0.0.1:7070/x?cmd=1' has a query or fragment",
            "http://127.0.0.1:7070/#x | endpointUrl 'http://127.0.0.1:7070/#x' has a query or fragment",
            "http://admin:pw@127.0.0.1:7070 | endpointUrl 'http://admin:pw@127.0.0.1:7070' has user info",
            "http://2130706433:7070 | endpointUrl 'http://2130706433:7070' has no valid host",
            "http://0177.0.0.1:7070 | endpointUrl 'http://0177.0.0.1:7070' has no valid host",
            "http://169.254.169.254:80/latest/meta-data | endpointUrl http://169.254.169.254:80/latest/meta-data: 169.254.169.254 is a cloud metadata address",
            "http://10.0.0.5:3306 | endpointUrl http://10.0.0.5:3306: 10.0.0.5 is a private address outside the allowed networks",
            "http://[::1]:3306 | endpointUrl http://[::1]:3306: 0:0:0:0:0:0:0:1 is a loopback address outside the allowed networks",
            "http://[::ffff:a00:5]:3306 | endpointUrl http://[::ffff:a00:5]:3306: 10.0.0.5 is a private address outside the allowed networks"})
    void refusesAnEndpointProbesMayNotCallAndStoresNothing(String endpoint, String detail) {
        TestNode node = aNode();

        HubClient.Response response = hub().post("/api/nodes", node.registerRequest(NodeKind.COMPUTING, endpoint));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").asString()).startsWith(detail);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node WHERE node_id = ?", Long.class, node.id())).isZero();
    }

    @Test
    void refusesAnOverLongEndpointNamingItsLength() {
        TestNode node = aNode();
        String endpoint = "http://node.example.com:7070/" + "p".repeat(230);

        HubClient.Response response = hub().post("/api/nodes", node.registerRequest(NodeKind.COMPUTING, endpoint));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").asString())
                .isEqualTo("endpointUrl is 259 characters long; at most 255 are allowed");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node WHERE node_id = ?", Long.class, node.id())).isZero();
    }

    @Test
    void aRegistrationSentManyTimesAtOnceIsStoredOnceAndTheOthersAre409() throws Exception {
        TestNode node = aNode();
        Map<String, Object> registration = node.registerRequest(NodeKind.COMPUTING, "http://node.example.com:7070");

        List<Integer> statuses = inParallel(12, () -> hub().post("/api/nodes", registration).status());

        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node WHERE node_id = ?", Long.class, node.id())).isOne();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gpuModel | 129 | gpuModel is 129 characters long; at most 128 are allowed",
            "agentVersion | 65 | agentVersion is 65 characters long; at most 64 are allowed"})
    void refusesAnOverLongStatusFieldNamingItAndStoresNoHeartbeat(String field, int length, String detail) {
        TestNode node = registered();
        Map<String, Object> status = "gpuModel".equals(field)
                ? node.statusRequest("G".repeat(length), 1, "1.0.0") : node.statusRequest("H100", 1, "v".repeat(length));

        HubClient.Response response = hub().post("/api/nodes/" + node.id() + "/status", status);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").asString()).isEqualTo(detail);
        assertThat(heartbeats(node)).isZero();
        assertThat(jdbc.queryForObject("SELECT last_status_at FROM node WHERE node_id = ?", String.class, node.id())).isNull();
    }

    @Test
    void refusesAGpuMemoryOutsideItsColumn() {
        TestNode node = registered();
        Map<String, Object> tooLarge = new HashMap<>(node.statusRequest());
        tooLarge.put("gpuMemoryMb", 3_000_000_000L);

        HubClient.Response negative = hub().post("/api/nodes/" + node.id() + "/status", node.statusRequest("H100", -5, "1.0.0"));
        HubClient.Response large = hub().post("/api/nodes/" + node.id() + "/status", tooLarge);

        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body().get("detail").asString()).isEqualTo("gpuMemoryMb must be between 0 and 2147483647, got -5");
        assertThat(large.status()).isEqualTo(400);
        assertThat(large.body().get("detail").asString())
                .isEqualTo("gpuMemoryMb must be between 0 and 2147483647, got 3000000000");
        assertThat(heartbeats(node)).isZero();
    }

    @Test
    void aHeartbeatReplayedManyTimesAtOnceAddsOneRowAndTheReplaysAre409() throws Exception {
        TestNode node = registered();
        Map<String, Object> heartbeat = node.statusRequest();

        List<Integer> statuses = inParallel(30, () -> hub().post("/api/nodes/" + node.id() + "/status", heartbeat).status());
        HubClient.Response later = hub().post("/api/nodes/" + node.id() + "/status", heartbeat);

        assertThat(statuses).containsOnlyOnce(200).containsOnly(200, 409);
        assertThat(later.status()).isEqualTo(409);
        assertThat(later.body().get("detail").asString()).contains("status report was signed at " + heartbeat.get("signedAt"),
                "each signed message is accepted once");
        assertThat(heartbeats(node)).isOne();
        assertThat(hub().post("/api/nodes/" + node.id() + "/status", node.statusRequest()).status()).isEqualTo(200);
        assertThat(heartbeats(node)).isEqualTo(2);
    }

    @Test
    void aReplayedWalletBindingCannotUndoALaterOne() {
        TestNode node = registered();
        hub().post("/api/nodes/" + node.id() + "/status", node.statusRequest());
        String first = aWallet();
        String second = aWallet();
        Map<String, Object> bindFirst = node.bindRequest(first);
        assertThat(hub().post("/api/nodes/" + node.id() + "/wallet", bindFirst).status()).isEqualTo(200);
        assertThat(hub().post("/api/nodes/" + node.id() + "/wallet", node.bindRequest(second)).status()).isEqualTo(200);

        HubClient.Response replay = hub().post("/api/nodes/" + node.id() + "/wallet", bindFirst);

        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body().get("detail").asString()).contains("wallet binding was signed at " + bindFirst.get("signedAt"));
        assertThat(jdbc.queryForObject("SELECT owner_wallet FROM node WHERE node_id = ?", String.class, node.id())).isEqualTo(second);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node_wallet_binding WHERE node_id = ?", Long.class, node.id())).isEqualTo(2);
    }

    @Test
    void aBindingSignedBeforeTheCurrentOneIsRefusedEvenIfNeverSeen() {
        TestNode node = registered();
        hub().post("/api/nodes/" + node.id() + "/status", node.statusRequest());
        String current = aWallet();
        Map<String, Object> older = node.bindRequest(aWallet(), Instant.now().minusSeconds(30));
        assertThat(hub().post("/api/nodes/" + node.id() + "/wallet", node.bindRequest(current)).status()).isEqualTo(200);

        HubClient.Response response = hub().post("/api/nodes/" + node.id() + "/wallet", older);

        assertThat(response.status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT owner_wallet FROM node WHERE node_id = ?", String.class, node.id())).isEqualTo(current);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "129 | 10 | operator is 129 characters long; at most 128 are allowed",
            "5 | 501 | reason is 501 characters long; at most 500 are allowed",
            "0 | 10 | operator is missing"})
    void aStakeChangeWithAnOverLongOrMissingFieldIs400AndChangesNothing(int operator, int reason, String detail) {
        TestNode node = registered();
        Map<String, Object> change = Map.of("stake", 7L, "operator", "o".repeat(operator), "reason", "r".repeat(reason));

        HubClient.Response response = ops().put("/api/nodes/" + node.id() + "/stake", change);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("detail").asString()).isEqualTo(detail);
        assertThat(jdbc.queryForObject("SELECT stake FROM node WHERE node_id = ?", Long.class, node.id())).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stake_change WHERE node_id = ?", Long.class, node.id())).isZero();
    }

    @Test
    void aValidatorIsApprovedOnlyByOpsWithWhoWhenAndWhyKept() {
        TestNode validator = aNode();
        HubClient.Response registered = hub().post("/api/nodes", validator.registerRequest(NodeKind.VALIDATOR, null));
        assertThat(registered.body().get("approvedAt").isNull()).isTrue();
        String path = "/api/nodes/" + validator.id() + "/approval";
        Map<String, Object> approval = Map.of("operator", "alice", "reason", "known operator, KYC done");

        assertThat(hub().post(path, approval).status()).isEqualTo(401);
        assertThat(hub().withKey(apiKeys.create(Role.INGEST, "ingest")).post(path, approval).status()).isEqualTo(403);
        assertThat(ops().post(path, Map.of("operator", "alice")).body().get("detail").asString()).isEqualTo("reason is missing");
        assertThat(approvedBy(validator)).isNull();
        HubClient.Response approved = ops().post(path, approval);

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body().get("approvedBy").asString()).isEqualTo("alice");
        assertThat(approved.body().get("reason").asString()).isEqualTo("known operator, KYC done");
        assertThat(approvedBy(validator)).isEqualTo("alice");
        assertThat(jdbc.queryForObject("SELECT approval_reason FROM node WHERE node_id = ?", String.class, validator.id()))
                .isEqualTo("known operator, KYC done");
        assertThat(hub().get("/api/nodes/" + validator.id()).body().get("approvedAt").asString())
                .isEqualTo(approved.body().get("approvedAt").asString());
        HubClient.Response again = ops().post(path, Map.of("operator", "mallory", "reason", "again"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("detail").asString()).contains("already approved by alice");
        assertThat(approvedBy(validator)).isEqualTo("alice");
    }

    @Test
    void aComputingNodeNeedsNoApproval() {
        TestNode node = registered();

        HubClient.Response response = ops().post("/api/nodes/" + node.id() + "/approval",
                Map.of("operator", "alice", "reason", "why not"));

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body().get("detail").asString()).contains("is a COMPUTING node");
        assertThat(approvedBy(node)).isNull();
    }

    @Test
    void opsApproveARouterFromTheCommandLine() throws Exception {
        TestNode router = aNode();
        assertThat(hub().post("/api/nodes", router.registerRequest(NodeKind.ROUTER, null)).status()).isEqualTo(201);

        try (ChildHub cli = ChildHub.start(TestDatabase.get().datasourceProperties(), "nodes", "approve", router.id(),
                "--operator", "bob", "--reason", "router of our own")) {
            assertThat(cli.awaitLine("node " + router.id() + " (ROUTER) approved by bob", 180)).as(cli.output()).isTrue();
        }

        assertThat(approvedBy(router)).isEqualTo("bob");
    }

    private HubClient ops() {
        return hub().withKey(apiKeys.create(Role.OPS, "ops"));
    }

    private String approvedBy(TestNode node) {
        return jdbc.queryForObject("SELECT approved_by FROM node WHERE node_id = ?", String.class, node.id());
    }

    private long heartbeats(TestNode node) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM node_heartbeat WHERE node_id = ?", Long.class, node.id());
    }

    private static <T> List<T> inParallel(int times, Callable<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(times);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < times; i++) {
                futures.add(threads.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
