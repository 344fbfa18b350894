-- Indexes for what reports and the console read: probe outcomes per window (by called_at), a node's latest probes,
-- a node's rewards across windows, and the nodes an owner wallet holds. Each was a full scan of a growing table.
ALTER TABLE probe_result
    ADD KEY ix_probe_result_called (called_at),
    ADD KEY ix_probe_result_node_called (node_id, called_at);
ALTER TABLE node_settlement ADD KEY ix_node_settlement_node (node_id);
ALTER TABLE node ADD KEY ix_node_owner (owner_wallet);
