package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.calls.CallBackfill;
import network.mmc.jobs.calls.CallRecordRow;
import network.mmc.jobs.calls.ImportSummary;
import network.mmc.jobs.calls.IngestPolicy;
import network.mmc.jobs.calls.WindowCount;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code import-calls --backfill} against settlement: backfilled records count in the window of their called_at,
 * once, whatever the partitions; settled windows are refused or re-run; and late records show in the run.
 * Windows lie a few days back (within mmc.ingest.max-age), one per test.
 */
class BackfillSettlementIT extends SettlementIntegrationTest {

    private static final Duration PERIOD = Duration.ofHours(2);
    private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

    @Autowired
    CallBackfill backfill;

    @Autowired
    WindowCallRange windowRange;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    BackfillLock backfillLock;

    private static SettlementWindow daysAgo(int days, int hours) {
        return SettlementWindow.containing(Instant.now().minus(Duration.ofDays(days)).minus(Duration.ofHours(hours)), PERIOD);
    }

    /** The window with the usual six nodes and their calls, received in it; returns the nodes. */
    private List<String> receivedCallsIn(SettlementWindow window) {
        SettlementFixtures.callsIn(window, jdbc, loader);
        return jdbc.queryForList("SELECT DISTINCT node_id FROM call_record WHERE event_id LIKE ? ORDER BY node_id",
                String.class, window.start() + "-%");
    }

    /** A CSV of {@code perNode} SUCCESS calls per node, made at minute offsets of {@code window}. */
    private static Path backfillFile(Path dir, String prefix, List<String> nodes, SettlementWindow window, int perNode,
                                     String... extraLines) throws Exception {
        List<String> lines = new ArrayList<>(List.of("event_id,node_id,caller_type,caller_id,caller_wallet,task_type,"
                + "status,credits,latency_ms,called_at"));
        for (String node : nodes) {
            for (int c = 0; c < perNode; c++) {
                lines.add(prefix + "-" + node + "-" + c + "," + node + ",API_USER,late-user,,gemm,SUCCESS," + (500 + c)
                        + ",20," + window.start().plusSeconds(60L * c + 7));
            }
        }
        Collections.addAll(lines, extraLines);
        Path file = dir.resolve(prefix + ".csv");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    private long callsIn(SettlementWindow window) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE recorded_at >= ? AND recorded_at < ?",
                Long.class, UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()));
    }

    private long stored(String prefix) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE event_id LIKE ?", Long.class, prefix + "%");
    }

    private void assertAuditReproduces(SettlementWindow window, Path dir) throws Exception {
        SettlementExport.Files files = export.export(window, null, dir);
        Path audit = SettlementFixtures.audit(files.nodes(), files.calls(), window, dir.resolve("audit.json"));
        assertThat(Files.readString(audit)).isEqualTo(Files.readString(files.result()));
    }

    @Test
    void backfilledRecordsOfAnUnsettledWindowAreSettledInItExactlyOnceWhateverThePartitions(@TempDir Path dir)
            throws Exception {
        SettlementWindow window = daysAgo(5, 0);
        List<String> nodes = receivedCallsIn(window);
        long received = callsIn(window);
        String p = UUID.randomUUID().toString();
        // the records just before and after the window lie within the clock skew of it: the seeks for its
        // receipt-ordered range meet them first and must skip them
        Path file = backfillFile(dir, p, nodes, window, 3,
                p + "-before," + nodes.get(0) + ",HUB,hub,,round,SUCCESS,200,," + window.start().minusSeconds(30),
                p + "-next," + nodes.get(0) + ",HUB,hub,,round,SUCCESS,200,," + window.end().plusSeconds(30),
                p + "-undated," + nodes.get(0) + ",HUB,hub,,round,SUCCESS,200,,");

        CallBackfill.Outcome outcome = backfill.importFile(file, null, QUIET);
        SettlementRun run = settlement.settle(window);

        ImportSummary summary = outcome.summary();
        assertThat(summary.policy()).isEqualTo(IngestPolicy.BACKFILL);
        assertThat(summary.stored()).isEqualTo(nodes.size() * 3L + 2);
        assertThat(summary.backfilled()).containsExactly(new WindowCount(window.start().minus(PERIOD), 1),
                new WindowCount(window.start(), nodes.size() * 3L), new WindowCount(window.end(), 1));
        assertThat(Files.readString(summary.rejectsFile())).contains("called_at is missing: a backfill");
        assertThat(run.callCount()).isEqualTo(received + nodes.size() * 3L).isEqualTo(callsIn(window));
        assertThat(run.lateCallCount()).as("a backfilled record is in the window it was made in").isZero();
        CallIdRanges ranges = windowRange.of(window);
        for (int gridSize = 1; gridSize <= 40; gridSize++) {
            long counted = 0;
            for (var partition : new IdRangePartitioner(ranges).partition(gridSize).values()) {
                counted += countIn(CallIdRanges.parse(partition.getString(IdRangePartitioner.RANGES)), window);
            }
            assertThat(counted).as("grid size %d", gridSize).isEqualTo(run.callCount());
        }
        assertAuditReproduces(window, dir);
    }

    private long countIn(CallIdRanges ranges, SettlementWindow window) {
        long count = 0;
        for (CallIdRange range : ranges.ranges()) {
            count += jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE id BETWEEN ? AND ?"
                            + " AND recorded_at >= ? AND recorded_at < ?", Long.class, range.first(), range.last(),
                    UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()));
        }
        return count;
    }

    @Test
    void aBackfillIntoASettledWindowIsRefusedListingItAndStoresNothing(@TempDir Path dir) throws Exception {
        SettlementWindow settled = daysAgo(4, 0);
        SettlementWindow open = daysAgo(4, 4);
        List<String> nodes = receivedCallsIn(settled);
        settlement.settle(settled);
        String p = UUID.randomUUID().toString();
        Path file = backfillFile(dir, p, nodes, settled, 2,
                p + "-open," + nodes.get(0) + ",HUB,hub,,round,SUCCESS,200,," + open.start().plusSeconds(5));

        assertThatThrownBy(() -> backfill.importFile(file, null, QUIET)).isInstanceOf(ConflictException.class)
                .hasMessage("nothing was stored: the backfill would change windows already settled: " + settled.start()
                        + " (revision 1, " + nodes.size() * 2 + " new records); to store them and re-run those windows,"
                        + " add --rerun --reason TEXT --operator NAME");
        assertThat(stored(p)).isZero();
        assertThat(runs.latest(settled).orElseThrow().revision()).isEqualTo(1);
    }

    @Test
    void aBackfillWithRerunsStoresTheRecordsAndWritesANewRevisionThatCountsThem(@TempDir Path dir) throws Exception {
        SettlementWindow window = daysAgo(3, 0);
        List<String> nodes = receivedCallsIn(window);
        SettlementRun first = settlement.settle(window);
        String p = UUID.randomUUID().toString();
        Path file = backfillFile(dir, p, nodes, window, 4);

        CallBackfill.Outcome outcome = backfill.importFile(file,
                new CallBackfill.Reruns("calls of node X imported late", "ops-ann"), QUIET);
        CallBackfill.Outcome resent = backfill.importFile(file, null, QUIET);

        assertThat(outcome.failedReruns()).isEmpty();
        assertThat(outcome.reruns()).singleElement().satisfies(run -> {
            assertThat(run.windowStart()).isEqualTo(window.start());
            assertThat(run.revision()).isEqualTo(2);
            assertThat(run.callCount()).isEqualTo(first.callCount() + nodes.size() * 4L);
            assertThat(run.reason()).isEqualTo("calls of node X imported late");
            assertThat(run.operator()).isEqualTo("ops-ann");
        });
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE window_start = ? AND revision = 2"
                + " AND entry_type = 'CORRECTION'", Long.class, UtcTimestamps.of(window.start()))).isPositive();
        assertThat(resent.summary().stored()).as("a re-sent backfill changes no settled window").isZero();
        assertThat(resent.summary().duplicates()).isEqualTo(nodes.size() * 4L);
        assertThat(resent.reruns()).isEmpty();
        assertThat(runs.latest(window).orElseThrow().revision()).isEqualTo(2);
        assertAuditReproduces(window, dir);
    }

    @Test
    void lateRecordsAreCountedInTheRunOfTheWindowThatReceivedThem() {
        SettlementWindow window = daysAgo(2, 0);
        receivedCallsIn(window);
        String node = jdbc.queryForObject("SELECT node_id FROM call_record WHERE event_id LIKE ? LIMIT 1", String.class,
                window.start() + "-%");
        String p = UUID.randomUUID().toString();
        List<CallRecordRow> late = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            // made 3 h before the window, received inside it
            late.add(new CallRecordRow(p + "-" + c, node, CallerType.API_USER, "u", null, "gemm", CallStatus.SUCCESS, 10,
                    5, window.start().minus(Duration.ofHours(3)), window.start().plusSeconds(3_000 + c)));
        }
        late.add(new CallRecordRow(p + "-undated", node, CallerType.HUB, "hub", null, null, CallStatus.SUCCESS, 200,
                null, null, window.start().plusSeconds(3_100)));
        loader.load(late);

        SettlementRun run = settlement.settle(window);

        assertThat(run.lateCallCount()).isEqualTo(5);
        assertThat(hub().withKey(apiKeys.create(Role.FINANCE, "finance")).get("/api/settlements/" + window.start())
                .body().get("lateCallCount").asLong()).isEqualTo(5);
    }

    @Test
    void noWindowIsSettledWhileABackfillHoldsItsLock() {
        SettlementWindow window = daysAgo(1, 0);
        receivedCallsIn(window);

        assertThatThrownBy(() -> backfillLock.whileHolding(() -> settlement.settle(window)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("while a backfill import");
        assertThat(settlement.settle(window).revision()).isEqualTo(1);
    }
}
