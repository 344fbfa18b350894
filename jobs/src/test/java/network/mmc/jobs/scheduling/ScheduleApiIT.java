package network.mmc.jobs.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.batch.HubInstance;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The ops REST API over the schedule and the job executions, and the scheduler in the health endpoint. */
class ScheduleApiIT extends HubIntegrationTest {

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    SchedulerControl control;

    @BeforeEach
    void triggersInstalledAsServeInstallsThem() {
        control.install();
    }

    @Test
    void opsListPauseAndResumeTriggersOthersAreRefused() {
        HubClient ops = hub().withKey(apiKeys.create(Role.OPS, "ops"));

        assertThat(hub().get("/api/schedule").status()).isEqualTo(401);
        assertThat(hub().withKey(apiKeys.create(Role.FINANCE, "finance")).get("/api/schedule").status()).isEqualTo(403);
        JsonNode triggers = ops.get("/api/schedule").body();
        assertThat(triggers.valueStream().map(t -> t.get("name").asString())).contains("settlement", "export", "staking", "archive");

        JsonNode paused = ops.post("/api/schedule/export/pause", Map.of()).body();
        assertThat(state(paused, "export")).isEqualTo("PAUSED");
        JsonNode resumed = ops.post("/api/schedule/export/resume", Map.of()).body();
        assertThat(state(resumed, "export")).isEqualTo("NORMAL");
        assertThat(ops.post("/api/schedule/nightly/pause", Map.of()).text()).contains("no trigger named 'nightly'");
    }

    @Test
    void aValidatorGetsItsProbeTriggerOnceOpsApproveItNotWhenItRegisters() {
        TestNode validator = TestNode.aNode();
        HubClient ops = hub().withKey(apiKeys.create(Role.OPS, "ops"));

        assertThat(hub().post("/api/nodes", validator.registerRequest(NodeKind.VALIDATOR, null)).status()).isEqualTo(201);
        assertThat(ops.get("/api/schedule").body().valueStream().map(t -> t.get("name").asString()))
                .doesNotContain("probe-" + validator.id());
        assertThat(ops.put("/api/nodes/" + validator.id() + "/stake", Map.of("stake", 1_000_000_000_000L,
                "operator", "alice", "reason", "the minimum stake of a validator")).status()).isEqualTo(200);
        assertThat(ops.get("/api/schedule").body().valueStream().map(t -> t.get("name").asString()))
                .doesNotContain("probe-" + validator.id());
        assertThat(ops.post("/api/nodes/" + validator.id() + "/approval", Map.of("operator", "alice", "reason", "vetted"))
                .status()).isEqualTo(200);

        JsonNode triggers = ops.get("/api/schedule").body();
        assertThat(triggers.valueStream().map(t -> t.get("name").asString())).contains("probe-" + validator.id());
    }

    @Test
    void opsSeeRecentExecutionsAndTheSchedulerInHealth() {
        HubClient ops = hub().withKey(apiKeys.create(Role.OPS, "ops"));

        assertThat(ops.get("/api/jobs?limit=5").status()).isEqualTo(200);
        assertThat(ops.post("/api/jobs/999999999/restart", Map.of()).status()).isEqualTo(404);
        JsonNode health = ops.get("/actuator/health").body();
        JsonNode scheduler = health.get("components").get("scheduler");
        assertThat(scheduler.get("status").asString()).isEqualTo("UP");
        assertThat(scheduler.get("details").get("clustered").asBoolean()).isTrue();
        assertThat(scheduler.get("details").get("firing").asBoolean()).isFalse();
        assertThat(scheduler.get("details").get("hubInstance").asString()).isEqualTo(HubInstance.id());
    }

    private static String state(JsonNode triggers, String name) {
        return triggers.valueStream().filter(t -> t.get("name").asString().equals(name)).findFirst().orElseThrow()
                .get("state").asString();
    }
}
