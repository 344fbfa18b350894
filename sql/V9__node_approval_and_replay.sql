-- VALIDATOR and ROUTER nodes act for the Hub only once OPS approved them (who, when, why); COMPUTING nodes need no
-- approval. Each kind of signed node message is accepted once: its signedAt must be later than the last one accepted
-- of that kind for the node. Existing rows start from the times already known, so messages captured before this
-- migration cannot be replayed either. A negative GPU memory (accepted before) means nothing and is cleared.
ALTER TABLE node
    ADD COLUMN approved_at        DATETIME(6)  NULL,
    ADD COLUMN approved_by        VARCHAR(128) NULL,
    ADD COLUMN approval_reason    VARCHAR(500) NULL,
    ADD COLUMN register_signed_at DATETIME(6)  NULL,
    ADD COLUMN status_signed_at   DATETIME(6)  NULL,
    ADD COLUMN bind_signed_at     DATETIME(6)  NULL;

ALTER TABLE node_wallet_binding
    ADD COLUMN signed_at DATETIME(6) NULL;

UPDATE node SET
    register_signed_at = registered_at,
    status_signed_at = last_status_at,
    bind_signed_at = owner_bound_at,
    gpu_memory_mb = IF(gpu_memory_mb < 0, NULL, gpu_memory_mb);

UPDATE node_heartbeat SET gpu_memory_mb = NULL WHERE gpu_memory_mb < 0;

ALTER TABLE node
    ADD CONSTRAINT ck_node_gpu_memory CHECK (gpu_memory_mb >= 0);

ALTER TABLE node_heartbeat
    ADD CONSTRAINT ck_heartbeat_gpu_memory CHECK (gpu_memory_mb >= 0);
