package network.mmc.jobs.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.PauseBeforeLedger;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/** A stop that arrives while the settlement's write transaction runs: the transaction is never cut, nothing fails. */
@ActiveProfiles(PauseBeforeLedger.PROFILE)
class StopDuringWriteIT extends HubIntegrationTest {

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    PauseBeforeLedger pause;

    @Test
    void aStopDuringTheWriteStepLetsItCommitEndsStoppedNotFailedAndTheRestartCompletes() throws Exception {
        // given
        pause.arm();
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        HubClient ops = hub().withKey(apiKeys.create(Role.OPS, "ops"));
        CompletableFuture<SettlementRun> settling = CompletableFuture.supplyAsync(() -> settlement.settle(window));
        assertThat(pause.awaitPaused(Duration.ofMinutes(2))).as("the write step is running").isTrue();
        long id = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION", Long.class);

        // when
        HubClient.Response stop = ops.post("/api/jobs/" + id + "/stop", Map.of());
        pause.release();

        // then
        await().atMost(Duration.ofMinutes(2)).until(settling::isDone);
        JsonNode stopped = execution(ops, id);
        assertThat(stopped.get("status").asString()).as(stopped.toString()).isEqualTo("STOPPED");
        assertThat(stop.status()).as(stop.text()).isEqualTo(202);
        assertThat(stopped.get("exitMessage").asString()).doesNotContain("\n").doesNotContain("Exception");
        assertThat(runs.latest(window)).as("the write transaction committed whole").isPresent();

        HubClient.Response restart = ops.post("/api/jobs/" + id + "/restart", Map.of());

        assertThat(restart.status()).as(restart.text()).isEqualTo(202);
        long restarted = restart.body().get("execution").asLong();
        await().atMost(Duration.ofMinutes(2)).until(() -> !execution(ops, restarted).get("status").asString()
                .matches("STARTING|STARTED"));
        assertThat(execution(ops, restarted).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM settlement_run WHERE window_start = ?", Integer.class,
                java.sql.Timestamp.valueOf(window.start().atOffset(java.time.ZoneOffset.UTC).toLocalDateTime())))
                .as("one run, written once").isEqualTo(1);
    }

    private static JsonNode execution(HubClient ops, long id) {
        return ops.get("/api/jobs?limit=500").body().valueStream().filter(e -> e.get("id").asLong() == id).findFirst()
                .orElseThrow();
    }
}
