package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.HubClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} on the embedded default, and ops commands run beside it on the same data dir: they use the
 * server {@code serve} runs instead of starting a second one on the same files.
 */
class CommandsBesideServeIT {

    @TempDir
    static Path home;

    static ChildHub serve;
    static int port;

    @BeforeAll
    static void serve() throws InterruptedException {
        port = LoopbackAgents.unusedPort();
        serve = ChildHub.start(List.of("server.port=" + port, "mmc.database.embedded.data-dir=" + dataDir()), "serve");
        assertThat(serve.awaitLine("MMC Hub serving", 180)).as(serve.output()).isTrue();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        serve.close();
    }

    private static Path dataDir() {
        return home.resolve("data/mariadb");
    }

    /** A one-shot command on serve's data dir, given as a {@code --key=value} setting as a user would. */
    private static ChildHub command(String... arguments) {
        String[] withDataDir = new String[arguments.length + 1];
        System.arraycopy(arguments, 0, withDataDir, 0, arguments.length);
        withDataDir[arguments.length] = "--mmc.database.embedded.data-dir=" + dataDir();
        return ChildHub.start(List.of(), withDataDir);
    }

    @Test
    void anApiKeyCreatedBesideServeWorksAgainstIt() throws InterruptedException {
        // when
        ChildHub create = command("apikey", "create", "--role", "OPS", "--label", "beside serve");
        int exitCode = create.awaitExit(120);

        // then
        assertThat(exitCode).as(create.output()).isZero();
        String key = create.stdout().strip();
        assertThat(key).as("the command prints the key alone on stdout, no log lines").doesNotContain("\n").doesNotContain(" ");
        assertThat(create.output()).contains("role OPS, label 'beside serve'");
        HubClient.Response schedule = HubClient.onPort(port).withKey(key).get("/api/schedule");
        assertThat(schedule.status()).as(schedule.text()).isEqualTo(200);
    }

    @Test
    void scheduleListAndSettleRunBesideServe() throws InterruptedException {
        ChildHub list = command("schedule", "list");
        assertThat(list.awaitExit(120)).as(list.output()).isZero();
        assertThat(list.output()).contains("settlement").doesNotContain(" INFO ").doesNotContain("Unable to lock");

        ChildHub settle = command("settle");
        assertThat(settle.awaitExit(120)).as(settle.output()).isZero();
        assertThat(settle.output()).doesNotContain(" INFO ").doesNotContain("Unable to lock");
    }

    @Test
    void theServerKeepsServingAfterTheCommandsEnd() throws InterruptedException {
        ChildHub nodes = command("nodes", "list");
        assertThat(nodes.awaitExit(120)).as(nodes.output()).isZero();

        HubClient.Response health = HubClient.onPort(port).get("/actuator/health");
        assertThat(health.status()).as(health.text()).isEqualTo(200);
    }
}
