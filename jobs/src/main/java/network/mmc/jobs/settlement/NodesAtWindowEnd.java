package network.mmc.jobs.settlement;

/**
 * SQL for a node's owner wallet and stake as they stood at window end (SETTLEMENT.md §3), so that a later
 * re-binding or stake change never alters a re-run of an earlier window. Each change row keeps the value it
 * replaced: the state at window end is the value replaced by the first change made at or after the end, or the
 * current one when nothing has changed since. Each join takes one parameter, the window end, and expects the
 * node table as {@code n}.
 */
final class NodesAtWindowEnd {

    static final String OWNER_JOIN = " LEFT JOIN (SELECT b.node_id, b.previous_wallet FROM node_wallet_binding b"
            + " JOIN (SELECT node_id, MIN(id) AS id FROM node_wallet_binding WHERE bound_at >= ? GROUP BY node_id) f"
            + " ON f.id = b.id) wb ON wb.node_id = n.node_id";

    static final String STAKE_JOIN = " LEFT JOIN (SELECT s.node_id, s.previous_stake FROM stake_change s"
            + " JOIN (SELECT node_id, MIN(id) AS id FROM stake_change WHERE changed_at >= ? GROUP BY node_id) f"
            + " ON f.id = s.id) sc ON sc.node_id = n.node_id";

    static final String OWNER = "IF(wb.node_id IS NULL, n.owner_wallet, wb.previous_wallet)";

    static final String STAKE = "COALESCE(sc.previous_stake, n.stake)";

    private NodesAtWindowEnd() {
    }
}
