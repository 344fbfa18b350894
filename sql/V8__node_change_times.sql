-- When the current owner wallet was bound and the current stake set: settlement reads a node's owner and stake
-- at window end from the node row unless they changed after that end, without a join per call record.
ALTER TABLE node
    ADD COLUMN owner_bound_at DATETIME(6) NULL AFTER owner_wallet,
    ADD COLUMN stake_changed_at DATETIME(6) NULL AFTER stake;

UPDATE node n SET
    owner_bound_at = (SELECT MAX(b.bound_at) FROM node_wallet_binding b WHERE b.node_id = n.node_id),
    stake_changed_at = (SELECT MAX(s.changed_at) FROM stake_change s WHERE s.node_id = n.node_id);
