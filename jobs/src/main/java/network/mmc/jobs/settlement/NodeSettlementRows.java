package network.mmc.jobs.settlement;

import java.nio.charset.StandardCharsets;
import java.sql.SQLWarning;
import java.util.List;
import java.util.Map;
import network.mmc.jobs.database.LoadDataLocal;
import network.mmc.settlement.NodeProfile;
import network.mmc.settlement.NodeSettlement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.StatementCallback;

/**
 * Writes a run's node lines with one {@code LOAD DATA LOCAL INFILE} streamed from memory, in the caller's transaction:
 * at 100 000 nodes a batched multi-row INSERT took 2.7 s of the write step, the driver rendering 1.5 million
 * parameters into SQL text and the server parsing them back. Numbers are written as the driver renders them
 * ({@code String.valueOf} for doubles, {@code toPlainString} for decimals), so the stored values are the same. LOAD
 * DATA LOCAL turns a row it cannot store into a warning: any warning, or a count other than the lines sent, fails
 * the step, and its transaction takes the rows back.
 */
final class NodeSettlementRows {

    private static final String LOAD = "LOAD DATA LOCAL INFILE 'mmc-node-settlement' INTO TABLE node_settlement"
            + LoadDataLocal.FORMAT + " (run_id, node_id, owner_wallet, calls, ok, credits, self_dealt, quality,"
            + " usage_capped, stake, stake_factor, eligible, raw_weight, weight, reward)";

    private NodeSettlementRows() {
    }

    static void insert(JdbcTemplate jdbc, long runId, List<NodeSettlement> nodes, Map<String, NodeProfile> profiles) {
        if (nodes.isEmpty()) {
            return;
        }
        byte[] text = encode(runId, nodes, profiles);
        jdbc.execute((StatementCallback<Void>) statement -> {
            int stored = LoadDataLocal.execute(statement, LOAD, text);
            SQLWarning warning = statement.getWarnings();
            if (stored != nodes.size() || warning != null) {
                throw new IllegalStateException("storing the " + nodes.size() + " node lines of settlement run " + runId
                        + " stored " + stored + (warning == null ? "" : "; the database warned: " + warning.getMessage()));
            }
            return null;
        });
    }

    static byte[] encode(long runId, List<NodeSettlement> nodes, Map<String, NodeProfile> profiles) {
        StringBuilder lines = new StringBuilder(nodes.size() * 200);
        for (NodeSettlement n : nodes) {
            lines.append(runId).append('\t');
            LoadDataLocal.appendField(lines, n.nodeId()).append('\t');
            LoadDataLocal.appendField(lines, n.ownerWallet()).append('\t');
            lines.append(n.calls()).append('\t').append(n.ok()).append('\t').append(n.credits()).append('\t')
                    .append(n.selfDealt()).append('\t').append(n.quality()).append('\t')
                    // the column cannot hold infinity: an uncapped usage is stored as the largest double
                    .append(Double.isInfinite(n.usage()) ? Double.MAX_VALUE : n.usage()).append('\t')
                    .append(profiles.getOrDefault(n.nodeId(), NodeProfile.unknown(n.nodeId())).stake()).append('\t')
                    .append(n.stakeFactor()).append('\t').append(n.eligible() ? 1 : 0).append('\t')
                    .append(n.raw()).append('\t').append(n.weight().toPlainString()).append('\t')
                    .append(n.reward()).append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }
}
