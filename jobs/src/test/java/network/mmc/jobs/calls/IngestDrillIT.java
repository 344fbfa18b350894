package network.mmc.jobs.calls;

import static network.mmc.jobs.support.TestNode.aNode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.support.GeneratedCalls;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.IngestLoad;
import network.mmc.jobs.support.TestNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Failure drill: more clients than {@code mmc.ingest.max-concurrent} post call records as fast as they can for
 * {@value #SECONDS} s. Overload is answered with 429 and Retry-After, never a 5xx, and after the clients' re-sends every
 * acknowledged record is stored exactly once.
 */
@TestPropertySource(properties = {"mmc.ingest.max-concurrent=2", "mmc.ingest.admission-wait=PT0S",
        "mmc.ingest.retry-after=PT1S"})
class IngestDrillIT extends HubIntegrationTest {

    private static final int CLIENTS = 6;
    private static final int BATCH = 500;
    private static final long SECONDS = 30;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void overloadIsRefusedWithRetryAfterAndNothingAcknowledgedIsLost() throws Exception {
        // given
        TestNode node = aNode();
        hub().post("/api/nodes", node.registerRequest(NodeKind.COMPUTING, null));
        String prefix = "drill-" + UUID.randomUUID();
        GeneratedCalls calls = new GeneratedCalls(prefix, List.of(node.id()), TestNode.aWallet(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), BATCH);

        // when
        IngestLoad.Outcome outcome = new IngestLoad(port, apiKeys.create(Role.INGEST, "drill"), calls)
                .run(CLIENTS, Duration.ofSeconds(SECONDS));
        System.out.printf("ingest drill: %,d records in %,d batches in %.1f s = %,.0f records/s; %d answers 429%n",
                outcome.stored(), outcome.batches(), outcome.seconds(), outcome.storedPerSecond(), outcome.refusals());

        // then
        assertThat(outcome.otherStatus()).as("answers other than 200 and 429 (with Retry-After)").isEmpty();
        assertThat(outcome.refusals()).as("429 answers").isPositive();
        assertThat(outcome.received()).isEqualTo(outcome.batches() * BATCH);
        assertThat(outcome.stored()).isEqualTo(outcome.received());
        assertThat(outcome.duplicates() + outcome.rejected()).isZero();
        Set<String> acknowledged = new HashSet<>();
        for (int client = 0; client < CLIENTS; client++) {
            for (long batch = 0; batch < outcome.perClient().get(client); batch++) {
                for (int i = 0; i < BATCH; i++) {
                    acknowledged.add(calls.eventId(client, batch, i));
                }
            }
        }
        List<String> stored = jdbc.queryForList("SELECT event_id FROM call_record WHERE event_id LIKE ?", String.class,
                prefix + "-%");
        assertThat(stored).hasSize(acknowledged.size());
        assertThat(new HashSet<>(stored)).isEqualTo(acknowledged);
    }
}
