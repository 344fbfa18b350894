package network.mmc.jobs.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.batch.HubInstance;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.settlement.SettlementExport;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.HeldPartition;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Stop and restart of job executions over the REST API and the command line, on a settlement held between two chunk
 * boundaries ({@link HeldPartition}); and the log lines every job run writes.
 */
@ExtendWith(OutputCaptureExtension.class)
class JobControlIT extends HubIntegrationTest {

    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    SettlementExport export;

    @Autowired
    JobExecutions jobs;

    @Test
    void aStoppedSettlementEndsStoppedAndItsRestartAnswersAtOnceAndResumesWhereItStopped(@TempDir Path dir,
                                                                                          CapturedOutput output) throws Exception {
        // given
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        HubClient ops = hub().withKey(apiKeys.create(Role.OPS, "ops"));
        CompletableFuture<SettlementRun> settling;
        long stopped;
        try (HeldPartition held = HeldPartition.of(window)) {
            settling = CompletableFuture.supplyAsync(() -> settlement.settle(window));
            stopped = held.awaitHeldExecution(jdbc, DEADLINE);

            // when
            HubClient.Response stop = ops.post("/api/jobs/" + stopped + "/stop", Map.of());

            // then
            assertThat(stop.status()).as(stop.text()).isEqualTo(202);
            assertThat(stop.body().get("status").asString()).isEqualTo("STOPPING");
            assertThat(ops.post("/api/jobs/" + stopped + "/restart", Map.of()))
                    .as("STOPPING is still running: its partition waits on the hold")
                    .satisfies(r -> assertThat(r.status()).isEqualTo(409))
                    .satisfies(r -> assertThat(r.body().get("detail").asString()).contains("still running"));
        }
        assertThatThrownBy(settling::join).isInstanceOf(CompletionException.class).hasMessageContaining("ended STOPPED");
        JsonNode line = execution(ops, stopped);
        assertThat(line.get("status").asString()).isEqualTo("STOPPED");
        assertThat(line.get("instance").asString()).as("the process that ran it").isEqualTo(HubInstance.id());
        assertThat(line.get("exitMessage").asString()).doesNotContain("\n").doesNotContain("Exception")
                .contains("stopped on request");
        assertThat(runs.latest(window)).as("the write step never ran").isEmpty();
        assertThat(output).contains("job settlementJob execution " + stopped + " (revision=1 windowStart=" + window.start()
                + ") STOPPED in ");

        long restarted;
        try (HeldPartition held = HeldPartition.of(window)) {
            List<HubClient.Response> answers = List.of(
                    CompletableFuture.supplyAsync(() -> ops.post("/api/jobs/" + stopped + "/restart", Map.of())),
                    CompletableFuture.supplyAsync(() -> ops.post("/api/jobs/" + stopped + "/restart", Map.of())))
                    .stream().map(CompletableFuture::join).toList();

            assertThat(answers).as("two restarts at once start one execution").extracting(HubClient.Response::status)
                    .containsExactlyInAnyOrder(202, 409);
            HubClient.Response restart = answers.stream().filter(r -> r.status() == 202).findFirst().orElseThrow();
            restarted = restart.body().get("execution").asLong();
            assertThat(restarted).isGreaterThan(stopped);
            assertThat(execution(ops, restarted).get("status").asString())
                    .as("the answer came while the restarted run is held").isIn("STARTING", "STARTED");
        }
        await().atMost(DEADLINE).until(() -> execution(ops, restarted).get("status").asString().equals("COMPLETED"));

        List<Map<String, Object>> partitions = jdbc.queryForList("SELECT STEP_NAME, STATUS, JOB_EXECUTION_ID FROM"
                + " BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (?, ?) AND STEP_NAME LIKE 'aggregatePartitionStep:%'",
                stopped, restarted);
        assertThat(partitions.stream().filter(p -> p.get("STATUS").equals("COMPLETED")).map(p -> p.get("STEP_NAME")))
                .as("every partition completed once, over both executions").doesNotHaveDuplicates()
                .hasSize((int) partitions.stream().map(p -> p.get("STEP_NAME")).distinct().count());
        assertThat(partitions.stream().filter(p -> ((Number) p.get("JOB_EXECUTION_ID")).longValue() == restarted))
                .as("the restart ran only what had not completed")
                .hasSizeLessThan((int) partitions.stream().map(p -> p.get("STEP_NAME")).distinct().count());
        SettlementExport.Files files = export.export(window, null, dir);
        Path clean = SettlementFixtures.audit(files.nodes(), files.calls(), window, dir.resolve("clean.json"));
        assertThat(Files.readString(files.result())).isEqualTo(Files.readString(clean));
        assertThat(output).contains("job settlementJob execution " + restarted + " (revision=1 windowStart="
                + window.start() + ") started").contains("job settlementJob execution " + restarted + " (revision=1"
                + " windowStart=" + window.start() + ") COMPLETED in ");
    }

    @Test
    void aCompletedOrUnknownExecutionIsRefusedWithTheReason() {
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        long completed = settlement.settle(window).jobExecutionId();
        HubClient ops = hub().withKey(apiKeys.create(Role.OPS, "ops"));

        HubClient.Response restart = ops.post("/api/jobs/" + completed + "/restart", Map.of());
        HubClient.Response stop = ops.post("/api/jobs/" + completed + "/stop", Map.of());

        assertThat(restart.status()).isEqualTo(409);
        assertThat(restart.body().get("detail").asString()).contains("execution " + completed + " COMPLETED")
                .contains("only a FAILED or STOPPED execution can be restarted").doesNotContain("race condition");
        assertThat(stop.status()).isEqualTo(409);
        assertThat(stop.body().get("detail").asString()).contains("is not running: it ended COMPLETED");
        assertThat(ops.post("/api/jobs/999999999/stop", Map.of()).status()).isEqualTo(404);
        assertThat(hub().post("/api/jobs/" + completed + "/restart", Map.of()).status()).isEqualTo(401);
    }

    @Test
    void jobsStopAndJobsRestartOnTheCommandLine() throws Exception {
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        CompletableFuture<SettlementRun> settling;
        long stopped;
        try (HeldPartition held = HeldPartition.of(window)) {
            settling = CompletableFuture.supplyAsync(() -> settlement.settle(window));
            stopped = held.awaitHeldExecution(jdbc, DEADLINE);

            ChildHub stop = command("jobs", "stop", Long.toString(stopped));

            assertThat(stop.awaitExit(120)).as(stop.output()).isZero();
            assertThat(stop.output()).contains("execution " + stopped + " ends STOPPED at its next step or chunk boundary");
        }
        assertThatThrownBy(settling::join).hasMessageContaining("ended STOPPED");

        ChildHub restart = command("jobs", "restart", Long.toString(stopped));

        assertThat(restart.awaitExit(180)).as(restart.output()).isZero();
        assertThat(restart.output()).contains("execution " + stopped + " restarted as ").contains(" ended COMPLETED");
        SettlementRun run = runs.latest(window).orElseThrow();
        assertThat(List.of(jobs.line(stopped), jobs.line(run.jobExecutionId()))).extracting(JobExecutionLine::instance)
                .as("the execution this process ran, then its restart, run by the command's process")
                .containsExactly(HubInstance.id(), restart.instance());
        ChildHub again = command("jobs", "restart", Long.toString(run.jobExecutionId()));
        assertThat(again.awaitExit(120)).as(again.output()).isEqualTo(2);
        assertThat(again.output()).contains("execution " + run.jobExecutionId() + " COMPLETED: there is nothing to resume")
                .doesNotContain("race condition").doesNotContain("Exception");
    }

    private static ChildHub command(String... arguments) {
        return ChildHub.start(TestDatabase.get().datasourceProperties(), arguments);
    }

    private static JsonNode execution(HubClient ops, long id) {
        return ops.get("/api/jobs?limit=500").body().valueStream().filter(e -> e.get("id").asLong() == id).findFirst()
                .orElseThrow();
    }
}
