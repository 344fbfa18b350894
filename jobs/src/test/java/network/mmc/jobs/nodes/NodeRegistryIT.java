package network.mmc.jobs.nodes;

import static network.mmc.jobs.support.TestNode.aNode;
import static network.mmc.jobs.support.TestNode.aWallet;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class NodeRegistryIT extends HubIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

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
        HubClient.Response ok = hub().withKey(apiKeys.create(Role.OPS, "ops")).put("/api/nodes/" + node.id() + "/stake", change);

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("stake").asLong()).isEqualTo(5_000_000_000_000L);
        assertThat(jdbc.queryForObject("SELECT changed_by FROM stake_change WHERE node_id = ?", String.class, node.id()))
                .isEqualTo("alice");
        assertThat(jdbc.queryForObject("SELECT n.stake_changed_at = s.changed_at FROM node n"
                + " JOIN stake_change s ON s.node_id = n.node_id WHERE n.node_id = ?", Boolean.class, node.id())).isTrue();
    }
}
