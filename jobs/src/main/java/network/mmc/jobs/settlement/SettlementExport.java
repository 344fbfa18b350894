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
                out.write(AuditFiles.NODES_HEADER + "\n");
                for (NodeSettlementLine node : nodes) {
                    out.write(node.nodeId() + "," + (node.ownerWallet() == null ? "" : node.ownerWallet()) + ","
                            + node.stake() + "," + node.eligible() + "\n");
                }
            }
            try (BufferedWriter out = java.nio.file.Files.newBufferedWriter(files.calls(), StandardCharsets.UTF_8)) {
                out.write(AuditFiles.CALLS_HEADER + "\n");
                jdbc.query("SELECT event_id, node_id, caller_type, caller_wallet, status, credits, recorded_at"
                                + " FROM call_record WHERE recorded_at >= ? AND recorded_at < ? ORDER BY id",
                        row -> {
                            try {
                                out.write(row.getString(1) + "," + row.getString(2) + "," + row.getString(3) + ","
                                        + (row.getString(4) == null ? "" : row.getString(4)) + "," + row.getString(5) + ","
                                        + row.getLong(6) + ","
                                        + UtcTimestamps.toInstant(row.getTimestamp(7)) + "\n");
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write to " + dir + ": " + e.getMessage());
        }
        ResultJson.write(files.result(), run.pool(), run.allocated(), run.unallocated(), run.inputSha256(),
                nodes.stream().map(n -> new ResultJson.Node(n.nodeId(), n.calls(), n.ok(), n.credits(), n.selfDealt(),
                        n.quality(), n.weight(), n.reward())).toList());
        return files;
    }
}
