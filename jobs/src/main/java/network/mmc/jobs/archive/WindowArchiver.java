package network.mmc.jobs.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import network.mmc.jobs.audit.OfflineAudit;
import network.mmc.jobs.settlement.CallIdRanges;
import network.mmc.jobs.settlement.SettlementExport;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.settlement.WindowCallRange;
import network.mmc.settlement.SettlementResult;
import network.mmc.settlement.SettlementWindow;
import org.springframework.stereotype.Component;

/**
 * Writes a settled window's archive, {@code DIR/<window>/}: {@code calls.csv.gz} (the rows settlement selects, in id
 * order), and {@code nodes.csv} and {@code result.json} as {@code runs export} writes them, so that
 * {@code audit --from-export DIR/<window>} re-checks the run. Before anything may be deleted the file is read back
 * (rows, both digests, the gzip CRC) and audited: it must reproduce the run's input SHA-256 and every reward.
 */
@Component
class WindowArchiver {

    private static final DateTimeFormatter DIR_NAME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);
    // rows read per query while writing
    private static final int PAGE = 10_000;

    private final WindowCallRange windowRange;
    private final WindowRows rows;
    private final SettlementExport export;
    private final SettlementRuns runs;
    private final Clock clock;

    WindowArchiver(WindowCallRange windowRange, WindowRows rows, SettlementExport export, SettlementRuns runs,
                   Clock clock) {
        this.windowRange = windowRange;
        this.rows = rows;
        this.export = export;
        this.runs = runs;
        this.clock = clock;
    }

    /** Writes and checks the archive of {@code run}'s window under {@code dir}; stores nothing in the database. */
    ArchiveEntry write(SettlementRun run, SettlementWindow window, Path dir) {
        Path windowDir = dir.resolve(DIR_NAME.format(window.start())).toAbsolutePath().normalize();
        Path calls = windowDir.resolve("calls.csv.gz");
        CallIdRanges ranges = windowRange.of(window);
        ArchiveFile.Digest written;
        try {
            Files.createDirectories(windowDir);
            try (ArchiveFile.Writer writer = new ArchiveFile.Writer(calls)) {
                rows.forEach(ranges, window, PAGE, writer::write);
                written = writer.finish();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the archive of window " + window + " to " + calls + ": "
                    + e.getMessage(), e);
        }
        export.writeRun(run, windowDir.resolve("nodes.csv"), windowDir.resolve("result.json"));
        ArchiveEntry entry = new ArchiveEntry(window.start(), run.revision(), run.inputSha256(), calls.toString(),
                written.rows(), written.csvSha256(), written.fileSha256(), ranges.toText(),
                ArchiveEntry.Status.REMOVING, 0, clock.instant());
        check(entry, run);
        return entry;
    }

    /**
     * Reads the archive back and audits it: the rows and both digests the manifest holds, and the run's input
     * SHA-256, pool and rewards recomputed from the files alone.
     *
     * @throws IllegalStateException saying what differs
     */
    void check(ArchiveEntry entry, SettlementRun run) {
        Path calls = Path.of(entry.file());
        if (!Files.isRegularFile(calls)) {
            throw new IllegalStateException("the archive of window " + entry.windowStart() + " is missing: " + calls);
        }
        ArchiveFile.Digest read = ArchiveFile.read(calls, call -> {
        });
        if (read.rows() != entry.rowCount() || !read.csvSha256().equals(entry.csvSha256())
                || !read.fileSha256().equals(entry.fileSha256())) {
            throw new IllegalStateException("the archive " + calls + " does not match its manifest: it has " + read.rows()
                    + " rows, CSV SHA-256 " + read.csvSha256() + ", file SHA-256 " + read.fileSha256() + "; the manifest says "
                    + entry.rowCount() + ", " + entry.csvSha256() + ", " + entry.fileSha256());
        }
        SettlementResult audited = OfflineAudit.run(calls.resolveSibling("nodes.csv"), calls, run.pool(), null,
                run.parameters() == null ? Map.of() : run.parameters()).result();
        Map<String, Long> rewards = new TreeMap<>();
        audited.nodes().forEach(node -> rewards.put(node.nodeId(), node.reward()));
        Map<String, Long> stored = new TreeMap<>();
        runs.nodes(run.id()).forEach(node -> stored.put(node.nodeId(), node.reward()));
        if (!audited.inputSha256().equals(run.inputSha256()) || !rewards.equals(stored)
                || audited.allocated() != run.allocated()) {
            throw new IllegalStateException("the archive " + calls + " does not reproduce revision " + run.revision()
                    + " of window " + entry.windowStart() + ": its audit gives input_sha256 " + audited.inputSha256()
                    + " and allocates " + audited.allocated() + ", the run has " + run.inputSha256() + " and "
                    + run.allocated());
        }
    }
}
