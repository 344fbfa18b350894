package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import network.mmc.jobs.apiusers.ApiUsers;
import network.mmc.jobs.apiusers.CreditLedger;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.simulation.LoopbackAgents.Behaviour;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestNode;
import network.mmc.jobs.tasks.TaskDispatcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code task submit|status|result}: an inference task from a file, followed to its end with a progress bar, its
 * result written to a file; the Hub under test dispatches to node agents of this class on loopback.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TaskCommandsIT extends HubIntegrationTest {

    private static final String BAR = "(RUNNING|DONE) \\[[#.]{30}] \\d+/\\d+ units done \\(\\d+ running, \\d+ pending\\)"
            + " · \\d+ of \\d+ credits";

    @Autowired
    NodeRegistry registry;
    @Autowired
    TaskDispatcher dispatcher;
    @Autowired
    ApiUsers users;
    @Autowired
    CreditLedger ledger;
    @Autowired
    JsonMapper json;

    @TempDir
    Path folder;

    private final InProcessCommands commands = new InProcessCommands("TaskCommandsUnderTest", List.of());
    private LoopbackAgents agents;

    @BeforeAll
    void startAgentsAndTheDispatcher() {
        // nodes other tests left online have no agent behind them any more
        jdbc.update("UPDATE node SET last_status_at = ? WHERE kind = 'COMPUTING'",
                UtcTimestamps.of(Instant.now().minus(Duration.ofDays(1))));
        agents = new LoopbackAgents(registry, TestNode.HUB_ID, Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            agents.start(Behaviour.HONEST);
        }
        dispatcher.start();
    }

    @AfterAll
    void stop() {
        dispatcher.destroy();
        commands.close();
        agents.close();
        for (LoopbackAgents.Agent agent : agents.agents()) {
            jdbc.update("UPDATE node SET last_status_at = ? WHERE node_id = ?",
                    UtcTimestamps.of(Instant.now().minus(Duration.ofDays(1))), agent.nodeId());
        }
    }

    @Test
    void anInferenceTaskIsSubmittedFromAFileFollowedToItsEndAndItsResultWrittenToAFile() throws Exception {
        String user = aUser(100);
        Path file = folder.resolve("task.json");
        Files.writeString(file, json.writeValueAsString(inference(new Random(41), 300)));

        InProcessCommands.Output submitted = commands.run("task", "submit", file.toString(), "--user", user);

        assertThat(submitted.exitCode()).as(submitted.err()).isZero();
        String id = submitted.out().strip();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(submitted.err()).isEqualTo("task " + id + " (MLP_INFERENCE) of API user '" + user + "' queued: 1"
                + " units, 1 credits held; follow it with `task status " + id + "`\n");

        InProcessCommands.Output status = commands.run("task", "status", id, "--wait", "PT60S", "--interval", "PT0.2S");

        assertThat(status.exitCode()).as(status.err()).isZero();
        List<String> lines = status.out().lines().toList();
        List<String> bars = lines.stream().filter(line -> line.matches(BAR)).toList();
        assertThat(bars).as(status.out()).isNotEmpty().last()
                .isEqualTo("DONE [" + "#".repeat(30) + "] 1/1 units done (0 running, 0 pending) · 1 of 1 credits");
        assertThat(lines).contains("credits: 1 charged, 0 still held, 1 estimated")
                .anySatisfy(line -> assertThat(line).startsWith("task " + id + " (MLP_INFERENCE) DONE: submitted "));
        assertThat(status.out()).containsPattern("(?m)^NODE +SUCCESS +FAILED +TIMEOUT +WRONG +CREDITS");

        Path out = folder.resolve("result.json");
        InProcessCommands.Output result = commands.run("task", "result", id, "--out", out.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("wrote the result of task " + id + " to " + out);
        JsonNode written = json.readTree(out.toFile());
        assertThat(written.get("outputs")).hasSize(300);
        assertThat(written).isEqualTo(hub().withKey(keyOf(user)).get("/api/tasks/" + id + "/result").body());
        assertThat(Files.list(folder)).as("no partial file is left").extracting(Path::getFileName)
                .extracting(Path::toString).containsExactlyInAnyOrder("task.json", "result.json");
    }

    @Test
    void badFilesUnknownTasksAndUnfinishedResultsAreRefusedInOneLine() throws Exception {
        String user = aUser(0);
        Path notJson = folder.resolve("not.json");
        Files.writeString(notJson, "{\"kind\": \"MLP_INFERENCE\", \"inputs\": [[1, 2], [3");
        Path tooDear = folder.resolve("dear.json");
        Files.writeString(tooDear, json.writeValueAsString(inference(new Random(43), 300)));

        assertRefused(commands.run("task", "submit", folder.resolve("none.json").toString(), "--user", user), 2,
                "mmc-hub: task file " + folder.resolve("none.json") + " does not exist");
        assertThat(commands.run("task", "submit", notJson.toString(), "--user", user).err())
                .startsWith("mmc-hub: task file " + notJson + " is not a task: ");
        Path unknownField = folder.resolve("unknown.json");
        Files.writeString(unknownField, "{\"kind\": \"GEMM\", \"bogus\": 1}");
        assertThat(commands.run("task", "submit", unknownField.toString(), "--user", user).err())
                .startsWith("mmc-hub: task file " + unknownField + " is not a task: unknown field 'bogus'; the fields are"
                        + " [deadline, inputs, kind, model, products, training]");
        assertRefused(commands.run("task", "submit", tooDear.toString(), "--user", user), 1,
                "mmc-hub: this task is estimated at 1 credits and API user '" + user + "' has 0 available (1 short);"
                        + " ask OPS to grant credits, or submit less work");
        assertRefused(commands.run("task", "status", "0123", "--once"), 2, "mmc-hub: task 0123 does not exist");
        assertRefused(commands.run("task", "result", "0123", "--out", folder.resolve("r.json").toString()), 2,
                "mmc-hub: task 0123 does not exist");
        assertThat(folder.resolve("r.json")).doesNotExist();
        assertRefused(commands.run("task", "result", "0123", "--out", "/"), 2,
                "mmc-hub: --out / is a folder: name the file to write");
        assertRefused(commands.run("task", "result", "0123", "--out", folder.toString()), 2,
                "mmc-hub: --out " + folder + " is a folder: name the file to write");
    }

    private static void assertRefused(InProcessCommands.Output output, int exitCode, String line) {
        assertThat(output.exitCode()).as(output.err()).isEqualTo(exitCode);
        assertThat(output.err()).isEqualTo(line + "\n");
    }

    private final Map<String, String> keys = new HashMap<>();

    private String aUser(long credits) {
        ApiUsers.Created created = users.create("cli-task-" + System.nanoTime(), TestNode.aWallet());
        if (credits > 0) {
            ledger.grant(created.user(), credits, "task commands test", "TaskCommandsIT");
        }
        keys.put(created.user().name(), created.key().secret());
        return created.user().name();
    }

    private String keyOf(String user) {
        return keys.get(user);
    }

    /** A 6 → 12 → 3 model and {@code rows} rows: one unit of one credit at the default unit size and price. */
    private static Map<String, Object> inference(Random random, int rows) {
        List<Map<String, Object>> layers = new ArrayList<>();
        layers.add(Map.of("weights", uniform(random, 6, 12), "biases", uniform(random, 1, 12)[0]));
        layers.add(Map.of("weights", uniform(random, 12, 3), "biases", uniform(random, 1, 3)[0]));
        // a deadline far ahead: another test's Hub, its clock hours ahead, may still expire overdue tasks
        return Map.of("kind", "MLP_INFERENCE", "deadline", Instant.now().plus(Duration.ofHours(20)).toString(),
                "model", Map.of("layers", layers), "inputs", uniform(random, rows, 6));
    }

    private static float[][] uniform(Random random, int rows, int columns) {
        float[][] values = new float[rows][columns];
        for (float[] row : values) {
            for (int i = 0; i < columns; i++) {
                row[i] = random.nextFloat() * 2 - 1;
            }
        }
        return values;
    }
}
