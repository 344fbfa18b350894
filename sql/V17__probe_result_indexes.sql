-- Reports count probe outcomes per window (by called_at) and the console lists a node's latest probes: both were
-- full scans of probe_result, which grows by one row per node and round.
ALTER TABLE probe_result
    ADD KEY ix_probe_result_called (called_at),
    ADD KEY ix_probe_result_node_called (node_id, called_at);
