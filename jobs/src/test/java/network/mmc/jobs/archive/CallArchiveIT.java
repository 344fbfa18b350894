package network.mmc.jobs.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.calls.CallFileImporter;
import network.mmc.jobs.calls.CallRecordRow;
import network.mmc.jobs.calls.ImportSummary;
import network.mmc.jobs.cli.InProcessCommands;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.settlement.SettlementExport;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Call-record retention on the real database: archive, checksums, audit from the archive, crash and resume, re-sent
 * archived events, restore and re-run. Every window lies in 2019, one (or two) per test, and each archive names its
 * window, so no other test's window is archived.
 */
class CallArchiveIT extends HubIntegrationTest {

    private static final Duration PERIOD = Duration.ofHours(2);
    private static final Instant FIRST = Instant.parse("2019-03-01T00:00:00Z");
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final InProcessCommands SHORT_RETENTION = new InProcessCommands("CallArchiveCommandsUnderTest",
            List.of("--mmc.retention.age=P7D"));

    @Autowired
    CallArchive archive;

    @Autowired
    ArchiveManifest manifest;

    @Autowired
    SettlementExport export;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    CallFileImporter importer;

    @TempDir
    Path dir;

    @AfterAll
    static void closeCommands() {
        SHORT_RETENTION.close();
    }

    /** A 2019 window of its own, two periods from the last one, so that no neighbour has records. */
    private static SettlementWindow aWindow() {
        Instant start = FIRST.plus(PERIOD.multipliedBy(2L * NEXT.getAndIncrement()));
        return new SettlementWindow(start, start.plus(PERIOD));
    }

    private SettlementWindow aSettledWindow() {
        SettlementWindow window = aWindow();
        SettlementFixtures.callsIn(window, jdbc, loader);
        settlement.settle(window);
        return window;
    }

    private List<String> rows(SettlementWindow window) {
        return jdbc.queryForList("SELECT CONCAT(id, ' ', event_id) FROM call_record WHERE recorded_at >= ? AND recorded_at < ?"
                + " ORDER BY id", String.class, UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()));
    }

    private CallArchive.Request only(SettlementWindow window, Integer batchSize) {
        return new CallArchive.Request(window.start(), null, batchSize, dir);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void anOldSettledWindowGoesToItsFileWhichTheAuditReproducesAndLeavesTheHotTable() throws Exception {
        SettlementWindow window = aSettledWindow();
        SettlementWindow neighbour = aSettledWindow();
        SettlementRun run = runs.get(window, null);
        List<String> before = rows(window);
        List<String> neighbourRows = rows(neighbour);

        List<ArchiveOutcome> outcomes = archive.archive(only(window, null));

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.failed()).as(o.failure()).isFalse();
            assertThat(o.rows()).isEqualTo(before.size()).isEqualTo(run.callCount());
            assertThat(o.removed()).isEqualTo(before.size());
        });
        ArchiveEntry entry = manifest.find(window.start()).orElseThrow();
        Path file = Path.of(entry.file());
        assertThat(file).isEqualTo(dir.resolve(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC)
                .format(window.start())).resolve("calls.csv.gz").toAbsolutePath().normalize());
        byte[] csv;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            csv = in.readAllBytes();
        }
        assertThat(entry.status()).isEqualTo(ArchiveEntry.Status.ARCHIVED);
        assertThat(entry.fileSha256()).isEqualTo(sha256(Files.readAllBytes(file)));
        assertThat(entry.csvSha256()).isEqualTo(sha256(csv));
        assertThat(new String(csv).split("\n")).hasSize(before.size() + 1);
        assertThat(entry.rowCount()).isEqualTo(before.size());
        assertThat(rows(window)).isEmpty();
        assertThat(rows(neighbour)).isEqualTo(neighbourRows);

        InProcessCommands.Output audited = SHORT_RETENTION.run("audit", "--from-export", file.getParent().toString(),
                "--out", dir.resolve("audit.json").toString());
        assertThat(audited.exitCode()).as(audited.err()).isZero();
        assertThat(audited.out()).contains("input_sha256 " + run.inputSha256(), "matches", "byte for byte");

        // the stored run stays readable; what needs the records is refused with the way back
        assertThat(runs.get(window, null).inputSha256()).isEqualTo(run.inputSha256());
        assertThatThrownBy(() -> settlement.rerun(window, "check", "ops"))
                .isInstanceOf(ConflictException.class).hasMessageContaining("archive restore " + window.start());
        assertThatThrownBy(() -> export.export(window, null, dir.resolve("export")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("audit --from-export");

        // a second run finds it archived and deletes nothing
        assertThat(archive.archive(only(window, null))).singleElement()
                .satisfies(o -> assertThat(o.removed()).isZero());
    }

    @Test
    void anArchiveCutOffPartwayIsFinishedByTheNextRunAndNeverDeletesARowItDidNotArchive() throws Exception {
        SettlementWindow window = aWindow();
        SettlementFixtures.callsIn(window, jdbc, loader);
        String node = jdbc.queryForObject("SELECT node_id FROM call_record WHERE recorded_at >= ? LIMIT 1", String.class,
                UtcTimestamps.of(window.start()));
        List<CallRecordRow> more = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            more.add(new CallRecordRow(window.start() + "-more-" + i, node, CallerType.API_USER, "u", null, "gemm",
                    CallStatus.SUCCESS, 10, 5, null, window.start().plusSeconds(3_000 + i)));
        }
        loader.load(more);
        settlement.settle(window);
        int total = rows(window).size();

        // one row a transaction, and the thread interrupted once some are gone: a crash between two batches
        AtomicReference<List<ArchiveOutcome>> first = new AtomicReference<>();
        Thread archiving = new Thread(() -> first.set(archive.archive(only(window, 1))));
        archiving.start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> manifest.find(window.start())
                .map(e -> e.removedRows() > 0).orElse(false));
        archiving.interrupt();
        archiving.join(120_000);

        ArchiveEntry cut = manifest.find(window.start()).orElseThrow();
        assertThat(first.get()).singleElement().satisfies(o -> assertThat(o.failed()).isTrue());
        assertThat(cut.status()).isEqualTo(ArchiveEntry.Status.REMOVING);
        assertThat(cut.removedRows()).isBetween(1L, total - 1L);
        assertThat(rows(window)).hasSize((int) (total - cut.removedRows()));

        // a record stored into the window meanwhile is in no archive: it is kept, and the window not called archived
        jdbc.update("INSERT INTO call_record (event_id, node_id, caller_type, status, credits, recorded_at)"
                + " VALUES (?, ?, 'API_USER', 'SUCCESS', 1, ?)", window.start() + "-stranger", node,
                UtcTimestamps.of(window.start().plusSeconds(60)));
        assertThat(archive.archive(only(window, null))).singleElement().satisfies(o -> assertThat(o.failure())
                .contains("1 call records that its archive", "does not hold"));
        assertThat(rows(window)).hasSize(1).allMatch(row -> row.endsWith(window.start() + "-stranger"));
        jdbc.update("DELETE FROM call_record WHERE event_id = ?", window.start() + "-stranger");

        List<ArchiveOutcome> second = archive.archive(only(window, null));

        assertThat(second).singleElement().satisfies(o -> assertThat(o.failed()).as(o.failure()).isFalse());
        ArchiveEntry done = manifest.find(window.start()).orElseThrow();
        assertThat(done.status()).isEqualTo(ArchiveEntry.Status.ARCHIVED);
        assertThat(done.removedRows()).isEqualTo(done.rowCount()).isEqualTo(total);
        assertThat(rows(window)).isEmpty();
    }

    @Test
    void aRecordSentAgainAfterItsRowWasArchivedIsADuplicateNotANewCall(@TempDir Path files) throws Exception {
        SettlementWindow window = aSettledWindow();
        List<String> eventIds = jdbc.queryForList("SELECT event_id FROM call_record WHERE recorded_at >= ?"
                + " AND recorded_at < ? AND called_at IS NULL ORDER BY id LIMIT 2", String.class,
                UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()));
        String node = jdbc.queryForObject("SELECT node_id FROM call_record WHERE event_id = ?", String.class, eventIds.get(0));
        archive.archive(only(window, null));
        HubClient ingest = hub().withKey(apiKeys.create(Role.INGEST, "archive-test"));
        String fresh = window.start() + "-fresh-after-archive";

        HubClient.Response rest = ingest.post("/api/calls", List.of(call(eventIds.get(0), node, null),
                call(fresh, node, null)));
        HubClient.Response dated = ingest.post("/api/calls", List.of(call(eventIds.get(0), node,
                window.start().plusSeconds(60).toString())));
        Path csv = files.resolve("again.csv");
        Files.writeString(csv, "event_id,node_id,caller_type,caller_id,caller_wallet,task_type,status,credits,latency_ms,"
                + "called_at\n" + eventIds.get(1) + "," + node + ",API_USER,,,gemm,SUCCESS,100,5,\n");
        ImportSummary imported = importer.importFile(csv, System.out);

        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.body().get("stored").asLong()).isEqualTo(1);
        assertThat(rest.body().get("duplicates").asLong()).isEqualTo(1);
        assertThat(dated.body().get("rejected").toString()).contains("mmc.ingest.max-age");
        assertThat(imported.stored()).isZero();
        assertThat(imported.duplicates()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE event_id IN (?, ?, ?)", Long.class,
                eventIds.get(0), eventIds.get(1), fresh)).isEqualTo(1);
    }

    private static Map<String, Object> call(String eventId, String node, String calledAt) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("event_id", eventId);
        call.put("node_id", node);
        call.put("caller_type", "API_USER");
        call.put("status", "SUCCESS");
        call.put("credits", 100);
        if (calledAt != null) {
            call.put("called_at", calledAt);
        }
        return call;
    }

    @Test
    void aRestoredWindowHasItsRowsBackWithTheirIdsAndReRunsToTheSameInput() {
        SettlementWindow window = aSettledWindow();
        SettlementRun run = runs.get(window, null);
        List<String> before = rows(window);
        archive.archive(only(window, null));

        ArchiveOutcome restored = archive.restore(window.start(), 7);
        List<Instant> dueBeforeRerun = manifest.candidates(Instant.now(), window.end());
        SettlementRun rerun = settlement.rerun(window, "restored from its archive", "ops");
        List<Instant> dueAfterRerun = manifest.candidates(Instant.now(), window.end());

        assertThat(restored.removed()).isEqualTo(before.size());
        assertThat(rows(window)).isEqualTo(before);
        assertThat(manifest.find(window.start()).orElseThrow().status()).isEqualTo(ArchiveEntry.Status.RESTORED);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_archived_event WHERE event_hash IN (SELECT"
                + " UNHEX(LEFT(SHA2(event_id, 256), 32)) FROM call_record WHERE recorded_at >= ? AND recorded_at < ?)",
                Long.class, UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()))).isZero();
        assertThat(rerun.revision()).isEqualTo(run.revision() + 1);
        assertThat(rerun.inputSha256()).isEqualTo(run.inputSha256());
        assertThat(rerun.callCount()).isEqualTo(run.callCount());
        // the scheduled archive leaves a restored window alone until it was re-run
        assertThat(dueBeforeRerun).doesNotContain(window.start());
        assertThat(dueAfterRerun).contains(window.start());
        assertThatThrownBy(() -> archive.restore(window.start(), null)).hasMessageContaining("restored already");
    }

    @Test
    void aRetentionAgeWithinTheResendPeriodRefusesToArchiveAnything() {
        SettlementWindow window = aSettledWindow();

        InProcessCommands.Output refused = SHORT_RETENTION.run("archive", "--window", window.start().toString(),
                "--dir", dir.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("mmc.retention.age (PT168H) must be longer than the re-send period",
                "mmc.ingest.max-age (PT168H)", "nothing was archived");
        assertThat(manifest.find(window.start())).isEmpty();
        assertThat(rows(window)).isNotEmpty();
    }

    @Test
    void aWindowYoungerThanTheRetentionAgeIsRefusedByNameAndNothingIsWritten() {
        // whether another test settled it or not, its age refuses it first
        SettlementWindow recent = SettlementWindow.containing(Instant.now().minus(Duration.ofDays(30)), PERIOD);
        long before = rows(recent).size();

        List<ArchiveOutcome> outcomes = archive.archive(only(recent, null));

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.failure())
                .contains("less than mmc.retention.age (PT2160H) ago"));
        assertThat(manifest.find(recent.start())).isEmpty();
        assertThat(rows(recent)).hasSize((int) before);
        assertThat(dir).isEmptyDirectory();
    }
}
