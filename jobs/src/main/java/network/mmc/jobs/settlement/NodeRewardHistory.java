package network.mmc.jobs.settlement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import network.mmc.jobs.database.UtcTimestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What one node was paid per settled window: its line in each window's latest completed revision. */
@Repository
public class NodeRewardHistory {

    private final JdbcTemplate jdbc;

    NodeRewardHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The node's window in the latest completed revision of that window; the wallet is the one paid then. */
    public record NodeWindow(Instant windowStart, int revision, String ownerWallet, long calls, long ok, long credits,
                             double quality, boolean eligible, BigDecimal weight, long reward) {
    }

    /** The node's last {@code limit} settled windows, newest first; windows where it had no line are absent. */
    public List<NodeWindow> latest(String nodeId, int limit) {
        // runs are few (one a window and revision): each one's line of the node is found by its primary key
        return jdbc.query("SELECT r.window_start, r.revision, n.owner_wallet, n.calls, n.ok, n.credits, n.quality,"
                        + " n.eligible, n.weight, n.reward FROM settlement_run r"
                        + " JOIN node_settlement n ON n.run_id = r.id AND n.node_id = ?"
                        + " WHERE r.status = 'COMPLETED' AND r.revision = (SELECT MAX(l.revision) FROM settlement_run l"
                        + " WHERE l.window_start = r.window_start AND l.status = 'COMPLETED')"
                        + " ORDER BY r.window_start DESC LIMIT ?",
                (row, i) -> new NodeWindow(UtcTimestamps.toInstant(row.getTimestamp(1)), row.getInt(2),
                        row.getString(3), row.getLong(4), row.getLong(5), row.getLong(6), row.getDouble(7),
                        row.getBoolean(8), row.getBigDecimal(9), row.getLong(10)), nodeId, limit);
    }
}
