package network.mmc.jobs.settlement;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import network.mmc.jobs.audit.AuditFiles;
import network.mmc.jobs.audit.ResultJson;
import network.mmc.jobs.csv.CsvWriter;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Writes a stored run as the audit's inputs and result, so that anyone can re-check it with {@code audit}. */
@Component
public class SettlementExport {

    public record Files(Path nodes, Path calls, Path result) {
    }

    private final SettlementRuns runs;
    private final JdbcTemplate jdbc;
    private final ArchivedWindows archived;

    SettlementExport(SettlementRuns runs, JdbcTemplate jdbc, ArchivedWindows archived) {
        this.runs = runs;
        this.jdbc = jdbc;
        this.archived = archived;
    }

    /**
     * @throws network.mmc.jobs.errors.ConflictException when the window's call records are archived: its archive
     *                                                   directory is what {@code audit} checks then
     */
    public Files export(SettlementWindow window, Integer revision, Path dir) {
        SettlementRun run = runs.get(window, revision);
        archived.archiveOf(window).ifPresent(file -> {
            throw new ConflictException("window " + window + " has no call records to export: they are archived in "
                    + file + "; check the run with `./mmc-hub audit --from-export " + Path.of(file).getParent()
                    + " --out result.json`, or restore them with `./mmc-hub archive restore " + window.start() + "`");
        });
        Files files = new Files(dir.resolve("nodes.csv"), dir.resolve("calls.csv"), dir.resolve("result.json"));
        writeRun(run, files.nodes(), files.result());
        try (BufferedWriter out = java.nio.file.Files.newBufferedWriter(files.calls(), StandardCharsets.UTF_8)) {
            CsvWriter csv = CsvWriter.verbatim(out).texts(AuditFiles.CALLS_HEADER.split(",")).endRow();
            jdbc.query("SELECT event_id, node_id, caller_type, caller_wallet, status, credits, recorded_at"
                            + " FROM call_record WHERE recorded_at >= ? AND recorded_at < ? ORDER BY id",
                    row -> {
                        csv.text(row.getString(1)).text(row.getString(2)).text(row.getString(3))
                                .text(row.getString(4)).text(row.getString(5)).number(row.getLong(6))
                                .text(UtcTimestamps.toInstant(row.getTimestamp(7)).toString()).endRow();
                    },
                    UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()));
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot write to " + dir + ": " + e.getMessage());
        }
        return files;
    }

    /** Writes the run's {@code nodes.csv} and {@code result.json} (the audit's node input and the run's result). */
    public void writeRun(SettlementRun run, Path nodesCsv, Path resultJson) {
        List<NodeSettlementLine> nodes = runs.nodes(run.id());
        try {
            java.nio.file.Files.createDirectories(nodesCsv.toAbsolutePath().getParent());
            try (BufferedWriter out = java.nio.file.Files.newBufferedWriter(nodesCsv, StandardCharsets.UTF_8)) {
                // verbatim, not neutralised for spreadsheets: audit must read back exactly what was settled
                CsvWriter csv = CsvWriter.verbatim(out).texts(AuditFiles.NODES_HEADER.split(",")).endRow();
                for (NodeSettlementLine node : nodes) {
                    csv.text(node.nodeId()).text(node.ownerWallet()).number(node.stake()).flag(node.eligible()).endRow();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot write " + nodesCsv + ": " + e.getMessage());
        }
        ResultJson.write(resultJson, run.pool(), run.allocated(), run.unallocated(), run.inputSha256(), run.parameters(),
                nodes.stream().map(n -> new ResultJson.Node(n.nodeId(), n.calls(), n.ok(), n.credits(), n.selfDealt(),
                        n.quality(), n.weight(), n.reward())).toList());
    }
}
