package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code serve} tells its operator: where it listens, a missing authority key once, and every job run. */
class ServeIT {

    private static final Pattern EXPORT_COMPLETED =
            Pattern.compile("job exportJob execution \\d+ \\(requestedAt=[^)]+\\) COMPLETED in \\d+\\.\\d{3} s");

    @Test
    void serveSaysWhereItListensReportsAMissingKeyOnceAndExportsWithNothingToPublishSucceed(@TempDir Path dir)
            throws InterruptedException {
        int port = LoopbackAgents.unusedPort();
        Path keypair = dir.resolve("no-authority-keypair.json");
        List<String> properties = new ArrayList<>(TestDatabase.get().sibling("serve").datasourceProperties());
        properties.addAll(List.of("server.port=" + port, "mmc.rewards.authority-keypair=" + keypair,
                "mmc.rewards.rpc-url=http://127.0.0.1:" + LoopbackAgents.unusedPort(),
                "mmc.scheduler.export-cron=0/3 * * * * ?"));

        try (ChildHub serve = ChildHub.start(properties, "serve")) {
            assertThat(serve.awaitLine("MMC Hub serving at http://localhost:" + port, 180)).as(serve.output()).isTrue();
            await().atMost(Duration.ofMinutes(2)).until(() -> EXPORT_COMPLETED.matcher(serve.output()).results().count() >= 2);

            String output = serve.output();
            assertThat(output).contains("job exportJob execution ").contains(") started");
            assertThat(output.lines().filter(line -> line.contains("authority keypair " + keypair + " cannot be read")))
                    .as("said once, at start-up").hasSize(1)
                    .allSatisfy(line -> assertThat(line).startsWith("warning: exports of waiting withdrawals fail"));
            assertThat(output).doesNotContain("FAILED");
            HubClient.Response health = HubClient.onPort(port).get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.body().get("status").asString()).isEqualTo("DEGRADED");
        }
    }
}
