package network.mmc.jobs.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import network.mmc.settlement.NodeSettlement;
import network.mmc.settlement.SettlementParameters;
import network.mmc.settlement.SettlementResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineAuditTests {

    private static final Path NODES = Path.of("src/test/resources/vector-a/nodes.csv");
    private static final Path CALLS = Path.of("src/test/resources/vector-a/calls.csv");

    @Test
    void reproducesTestVectorAFromFiles(@TempDir Path dir) throws Exception {
        OfflineAudit.Audit audit = OfflineAudit.run(NODES, CALLS, 1_000_000_000L, null, Map.of());
        SettlementResult result = audit.result();
        Path json = dir.resolve("result.json");
        audit.write(json);

        assertThat(result.nodes()).extracting(NodeSettlement::reward)
                .containsExactly(569_966_967L, 240_053_714L, 189_979_319L, 0L);
        assertThat(result.inputSha256()).isEqualTo("eb4f26836aafc8054b87b46ad24613ad229086541066fab111e1e3a6f33c7f81");
        assertThat(Files.readString(json)).contains("\"reward\" : 569966967", "\"weight\" : \"0.", "\"unallocated\" : 0",
                "\"cap-k\" : \"10.0\"");
        assertThat(ResultJson.read(json)).isEqualTo(new ResultJson.Recorded(1_000_000_000L,
                Optional.of(SettlementParameters.defaults().terms())));
    }

    @Test
    void readsAnArchivesGzipCallsWithTheirExtraColumnsAsThePlainFile(@TempDir Path dir) throws Exception {
        // vector A's calls as an archive writes them: the audit's seven columns, then the rest of each row
        java.util.List<String> lines = Files.readAllLines(CALLS);
        StringBuilder archived = new StringBuilder(AuditFiles.ARCHIVE_CALLS_HEADER).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            archived.append(lines.get(i)).append(',').append(1000 + i).append(",caller,gemm,,\n");
        }
        Path gz = dir.resolve("calls.csv.gz");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(archived.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Files.copy(NODES, dir.resolve("nodes.csv"));

        SettlementResult plain = OfflineAudit.run(NODES, CALLS, 1_000_000_000L, null, Map.of()).result();
        SettlementResult fromArchive = OfflineAudit.run(NODES, OfflineAudit.callsFile(dir), 1_000_000_000L, null, Map.of())
                .result();

        assertThat(OfflineAudit.callsFile(dir)).isEqualTo(gz);
        assertThat(fromArchive).isEqualTo(plain);
        assertThat(fromArchive.inputSha256()).isEqualTo("eb4f26836aafc8054b87b46ad24613ad229086541066fab111e1e3a6f33c7f81");
    }

    @Test
    void aGzNameOnAFileThatIsNotGzipIsRefusedNamingIt(@TempDir Path dir) throws Exception {
        Path notGzip = dir.resolve("calls.csv.gz");
        Files.copy(CALLS, notGzip);

        assertThatThrownBy(() -> OfflineAudit.run(NODES, notGzip, 1L, null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read " + notGzip)
                .hasMessageContaining("GZIP");
    }

    @Test
    void aWindowKeepsOnlyItsOwnCallsAndTakesThePoolFromTheSchedule() {
        OfflineAudit.Audit insideAudit = OfflineAudit.run(NODES, CALLS, null, Instant.parse("2026-11-25T10:00:00Z"), Map.of());
        OfflineAudit.Audit otherAudit = OfflineAudit.run(NODES, CALLS, null, Instant.parse("2026-11-25T12:00:00Z"), Map.of());
        SettlementResult inside = insideAudit.result();
        SettlementResult other = otherAudit.result();

        // SETTLEMENT.md §4: 2026-11-25 is day 328 after genesis, in decay period 4 (days 270-359, 90 days long);
        // R(4) = floor(R(3) * 5^4 / (4^4 * 3.1416)) = 1 889 725 088 666 436 base units over 90 * 12 windows
        long periodFourPool = 1_749_745_452_468L;
        assertThat(inside.nodes()).hasSize(4);
        assertThat(inside.pool()).isEqualTo(periodFourPool);
        assertThat(other.nodes()).isEmpty();
        assertThat(other.pool()).isEqualTo(periodFourPool);
        assertThat(other.allocated()).isZero();
        assertThat(other.unallocated()).isEqualTo(periodFourPool);
        assertThat(insideAudit.warning()).isEmpty();
        assertThat(otherAudit.warning()).hasValueSatisfying(warning -> assertThat(warning)
                .startsWith("no call record of " + CALLS + " was recorded in window 2026-11-25T12:00:00Z to 2026-11-25T14:00:00Z"
                        + " (its ")
                .contains(" records span 2026-11-25T10:")
                .endsWith(": the window's whole pool is unallocated"));
    }

    @Test
    void parametersCanBeOverridden() {
        SettlementResult strictCap = OfflineAudit.run(NODES, CALLS, 1_000_000_000L, null, Map.of("min-cap-nodes", "2"))
                .result();

        // SETTLEMENT.md §3 over vector A's credits {800, 2000, 4100, 5000}: median 3050, deviations
        // {1050, 1050, 1950, 2250}, MAD 1500; cap above every node's credits, so the rewards stay vector A's
        assertThat(strictCap.cap()).isEqualTo(3050.0 + 10 * 1.4826 * 1500.0);
        assertThat(strictCap.nodes()).extracting(NodeSettlement::reward)
                .containsExactly(569_966_967L, 240_053_714L, 189_979_319L, 0L);
        assertThatThrownBy(() -> OfflineAudit.run(NODES, CALLS, 1L, null, Map.of("colour", "red")))
                .hasMessageContaining("unknown settlement term 'colour'");
    }

    @Test
    void aMalformedLineIsNamedWithItsFileAndNumber(@TempDir Path dir) throws Exception {
        Path calls = dir.resolve("calls.csv");
        Files.writeString(calls, AuditFiles.CALLS_HEADER + "\ne1,node-a,API_USER,U1,SUCCESS,12x,2026-11-25T10:01:00Z\n");

        assertThatThrownBy(() -> OfflineAudit.run(NODES, calls, 1L, null, Map.of()))
                .hasMessageContaining("calls.csv line 2");
    }
}
