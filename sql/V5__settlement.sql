-- Settlement output is append-only: a run row, its node rows and its ledger entries are written in one
-- transaction when the run completes; a re-run is a new revision with CORRECTION entries.

CREATE TABLE settlement_run (
    id               BIGINT       NOT NULL AUTO_INCREMENT,
    window_start     DATETIME(6)  NOT NULL,
    window_end       DATETIME(6)  NOT NULL,
    revision         INT          NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    pool             BIGINT       NOT NULL,
    allocated        BIGINT       NOT NULL,
    unallocated      BIGINT       NOT NULL,
    cap              DOUBLE       NULL,
    input_sha256     CHAR(64)     NOT NULL,
    node_count       INT          NOT NULL,
    call_count       BIGINT       NOT NULL,
    first_call_id    BIGINT       NULL,
    last_call_id     BIGINT       NULL,
    reason           VARCHAR(500) NULL,
    operator         VARCHAR(128) NULL,
    job_execution_id BIGINT       NOT NULL,
    completed_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_run_window_revision (window_start, revision)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE node_settlement (
    run_id       BIGINT         NOT NULL,
    node_id      VARCHAR(64)    NOT NULL,
    owner_wallet VARCHAR(44)    NULL,
    calls        BIGINT         NOT NULL,
    ok           BIGINT         NOT NULL,
    credits      BIGINT         NOT NULL,
    self_dealt   BIGINT         NOT NULL,
    quality      DOUBLE         NOT NULL,
    usage_capped DOUBLE         NOT NULL,
    stake        BIGINT         NOT NULL,
    stake_factor DOUBLE         NOT NULL,
    eligible     BOOLEAN        NOT NULL,
    raw_weight   DOUBLE         NOT NULL,
    weight       DECIMAL(38,18) NOT NULL,
    reward       BIGINT         NOT NULL,
    PRIMARY KEY (run_id, node_id),
    KEY ix_node_settlement_owner (owner_wallet),
    CONSTRAINT fk_node_settlement_run FOREIGN KEY (run_id) REFERENCES settlement_run (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE ledger_entry (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    wallet       VARCHAR(44) NOT NULL,
    run_id       BIGINT      NOT NULL,
    window_start DATETIME(6) NOT NULL,
    revision     INT         NOT NULL,
    entry_type   VARCHAR(16) NOT NULL,
    amount       BIGINT      NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_ledger_run_wallet (run_id, wallet),
    KEY ix_ledger_wallet (wallet, id),
    CONSTRAINT fk_ledger_run FOREIGN KEY (run_id) REFERENCES settlement_run (id),
    CONSTRAINT ck_ledger_type CHECK (entry_type IN ('ACCRUAL', 'CORRECTION'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Scratch space of the partitioned aggregation step; rows of finished runs are removed.
CREATE TABLE settlement_partial (
    window_start DATETIME(6) NOT NULL,
    revision     INT         NOT NULL,
    partition_no INT         NOT NULL,
    node_id      VARCHAR(64) NOT NULL,
    calls        BIGINT      NOT NULL,
    ok           BIGINT      NOT NULL,
    credits      BIGINT      NOT NULL,
    self_dealt   BIGINT      NOT NULL,
    PRIMARY KEY (window_start, revision, partition_no, node_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
