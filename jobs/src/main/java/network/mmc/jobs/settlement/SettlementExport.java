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

    SettlementExport(SettlementRuns runs, JdbcTemplate jdbc) {
        this.runs = runs;
        this.jdbc = jdbc;
    }

    public Files export(SettlementWindow window, Integer revision, Path dir) {
        SettlementRun run = runs.get(window, revision);
        List<NodeSettlementLine> nodes = runs.nodes(run.id());
        Files files = new Files(dir.resolve("nodes.csv"), dir.resolve("calls.csv"), dir.resolve("result.json"));
        try {
            java.nio.file.Files.createDirectories(dir);
            try (BufferedWriter out = java.nio.file.Files.newBufferedWriter(files.nodes(), StandardCharsets.UTF_8)) {
                // verbatim, not neutralised for spreadsheets: audit must read back exactly what was settled
                CsvWriter csv = CsvWriter.verbatim(out).texts(AuditFiles.NODES_HEADER.split(",")).endRow();
                for (NodeSettlementLine node : nodes) {
                    csv.text(node.nodeId()).text(node.ownerWallet()).number(node.stake()).flag(node.eligible()).endRow();
                }
            }
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
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot write to " + dir + ": " + e.getMessage());
        }
        ResultJson.write(files.result(), run.pool(), run.allocated(), run.unallocated(), run.inputSha256(), run.parameters(),
                nodes.stream().map(n -> new ResultJson.Node(n.nodeId(), n.calls(), n.ok(), n.credits(), n.selfDealt(),
                        n.quality(), n.weight(), n.reward())).toList());
        return files;
    }
}
