package network.mmc.jobs.settlement;

/**
 * SQL for a node's owner wallet and stake as they stood at window end (SETTLEMENT.md §3), so that a later
 * re-binding or stake change never alters a re-run of an earlier window. Each change row keeps the value it
 * replaced: the state at window end is the value replaced by the first change made at or after the end, or the
 * current one when nothing has changed since. Both expect the node table as {@code n} and the named parameter
 * {@code :windowEnd}.
 */
final class NodesAtWindowEnd {

    // read from the node row unless changed after the end: no join per call record, no lookup per node
    static final String OWNER = "IF(n.owner_bound_at IS NULL OR n.owner_bound_at < :windowEnd, n.owner_wallet,"
            + " (SELECT b.previous_wallet FROM node_wallet_binding b WHERE b.node_id = n.node_id"
            + " AND b.bound_at >= :windowEnd ORDER BY b.id LIMIT 1))";

    static final String STAKE = "IF(n.stake_changed_at IS NULL OR n.stake_changed_at < :windowEnd, n.stake,"
            + " (SELECT s.previous_stake FROM stake_change s WHERE s.node_id = n.node_id"
            + " AND s.changed_at >= :windowEnd ORDER BY s.id LIMIT 1))";

    private NodesAtWindowEnd() {
    }
}
