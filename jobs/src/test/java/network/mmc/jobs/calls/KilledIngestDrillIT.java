package network.mmc.jobs.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.io.Writer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.GeneratedCalls;
import network.mmc.jobs.support.IngestLoad;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.jobs.support.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.utils.Base58;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Failure drill: a Hub process is killed (kill -9) while it imports a file and while it answers REST ingest. Every
 * batch it acknowledged is stored, no batch is stored in part, and sending the same records again completes them
 * without duplicates. On a database of its own, since the serving child runs the scheduled jobs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class KilledIngestDrillIT {

    private static final TestDatabase DB = TestDatabase.get().sibling("killed_ingest");
    private static final int CHUNK_ROWS = 1_000;
    private static final int BATCH = 200;
    private static final Pattern PROGRESS = Pattern.compile("([\\d,]+) stored so far");
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    CallFileImporter importer;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    @Test
    void aKilledFileImportKeepsEveryAcknowledgedChunkWholeAndAReimportStoresTheRestOnce(@TempDir Path dir)
            throws Exception {
        // given: a file of 100 chunks, imported by another Hub process
        GeneratedCalls calls = calls();
        int batches = 500;
        Path file = dir.resolve("calls.csv");
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write(GeneratedCalls.CSV_HEADER);
            for (int batch = 0; batch < batches; batch++) {
                StringBuilder csv = new StringBuilder();
                calls.appendCsv(csv, 0, batch);
                out.write(csv.toString());
            }
        }
        List<String> inFileOrder = new ArrayList<>();
        for (int batch = 0; batch < batches; batch++) {
            for (int i = 0; i < BATCH; i++) {
                inFileOrder.add(calls.eventId(0, batch, i));
            }
        }
        List<String> properties = new ArrayList<>(DB.datasourceProperties());
        properties.add("mmc.ingest.chunk-rows=" + CHUNK_ROWS);

        // when: killed once it acknowledged two chunks
        long acknowledged;
        try (ChildHub child = ChildHub.start(properties, "import-calls", file.toString())) {
            assertThat(child.awaitLine(" 2,000 stored so far", DEADLINE.toSeconds())).as(child.output()).isTrue();
            child.kill();
            acknowledged = lastAcknowledged(child.output());
        }

        // then
        List<String> stored = storedEventIds(calls.prefix());
        System.out.printf("killed file import: %,d rows acknowledged, %,d stored of %,d%n", acknowledged, stored.size(),
                inFileOrder.size());
        assertThat((long) stored.size()).as("stored rows").isGreaterThanOrEqualTo(acknowledged)
                .isLessThan(inFileOrder.size());
        assertThat(stored.size() % CHUNK_ROWS).as("rows of a chunk stored in part").isZero();
        assertThat(new HashSet<>(stored)).as("the first rows of the file")
                .isEqualTo(new HashSet<>(inFileOrder.subList(0, stored.size())));

        ImportSummary again = importer.importFile(file, new PrintStream(OutputStream.nullOutputStream()));

        assertThat(again.stored()).isEqualTo(inFileOrder.size() - stored.size());
        assertThat(again.duplicates()).isEqualTo(stored.size());
        List<String> storedAfter = storedEventIds(calls.prefix());
        assertThat(storedAfter).hasSameSizeAs(inFileOrder);
        assertThat(new HashSet<>(storedAfter)).isEqualTo(new HashSet<>(inFileOrder));
    }

    @Test
    void aKilledServerHasStoredEveryBatchItAcknowledgedAndNoBatchInPart() throws Exception {
        // given: clients posting to another Hub process as fast as they can
        GeneratedCalls calls = calls();
        int port = LoopbackAgents.unusedPort();
        List<String> properties = new ArrayList<>(DB.datasourceProperties());
        properties.add("server.port=" + port);
        int clients = 4;
        IngestLoad.Outcome outcome;
        try (ChildHub child = ChildHub.start(properties, "serve")) {
            assertThat(child.awaitLine("MMC Hub serving", DEADLINE.toSeconds())).as(child.output()).isTrue();
            IngestLoad load = new IngestLoad(port, apiKeys.create(Role.INGEST, "killed ingest drill"), calls);
            CompletableFuture<IngestLoad.Outcome> posting = CompletableFuture.supplyAsync(() -> {
                try {
                    return load.run(clients, DEADLINE);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            // when: killed once it stored 20 batches
            await().atMost(DEADLINE).until(() -> storedEventIds(calls.prefix()).size() >= 20 * BATCH);
            child.kill();
            outcome = posting.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }

        // then
        System.out.printf("killed REST ingest: %,d batches acknowledged; unanswered: %s%n", outcome.batches(),
                outcome.otherStatus());
        assertThat(outcome.otherStatus()).as("answers other than 200 and 429; 0: no answer").containsOnlyKeys(0);
        Map<String, Integer> storedPerBatch = new HashMap<>();
        for (String eventId : storedEventIds(calls.prefix())) {
            storedPerBatch.merge(eventId.substring(0, eventId.lastIndexOf('-')), 1, Integer::sum);
        }
        assertThat(storedPerBatch.values()).as("records stored per batch").containsOnly(BATCH);
        for (int client = 0; client < clients; client++) {
            long acknowledged = outcome.perClient().get(client);
            List<String> acknowledgedBatches = new ArrayList<>();
            for (long batch = 0; batch < acknowledged; batch++) {
                acknowledgedBatches.add(batchKey(calls, client, batch));
            }
            String ofClient = calls.prefix() + "-" + client + "-";
            List<String> storedOfClient = storedPerBatch.keySet().stream().filter(key -> key.startsWith(ofClient)).toList();
            // the batch in flight at the kill may have been stored, whole
            assertThat(storedOfClient).as("batches of client %d stored", client).containsAll(acknowledgedBatches)
                    .hasSizeBetween(acknowledgedBatches.size(), acknowledgedBatches.size() + 1);
        }
    }

    private GeneratedCalls calls() {
        String node = TestNode.aWallet();
        jdbc.update("INSERT INTO node (node_id, public_key, kind, owner_wallet, registered_at)"
                + " VALUES (?, ?, 'COMPUTING', ?, NOW(6))", node, Base58.decode(node), TestNode.aWallet());
        return new GeneratedCalls("killed-" + UUID.randomUUID(), List.of(node), TestNode.aWallet(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), BATCH);
    }

    private static String batchKey(GeneratedCalls calls, int client, long batch) {
        String first = calls.eventId(client, batch, 0);
        return first.substring(0, first.lastIndexOf('-'));
    }

    private List<String> storedEventIds(String prefix) {
        return jdbc.queryForList("SELECT event_id FROM call_record WHERE event_id LIKE ?", String.class, prefix + "-%");
    }

    /** The most rows the child said it had stored. */
    private static long lastAcknowledged(String output) {
        long stored = 0;
        Matcher progress = PROGRESS.matcher(output);
        while (progress.find()) {
            stored = Math.max(stored, Long.parseLong(progress.group(1).replace(",", "")));
        }
        return stored;
    }
}
