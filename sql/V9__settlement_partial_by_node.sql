-- Partial sums keyed by node before partition: the write step's GROUP BY node_id then reads them in key order
-- instead of sorting every partition's rows.
ALTER TABLE settlement_partial
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (window_start, revision, node_id, partition_no);
