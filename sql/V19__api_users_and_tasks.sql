-- API users and their AI tasks (README: AI tasks). An API user holds API keys (role API_USER) and credits; the credit
-- ledger is append-only and api_user.balance is the sum of its entries, changed in the same transaction as each
-- entry by a conditional update that never lets it go below zero (concurrent holds included).
CREATE TABLE api_user (
    id         BIGINT      NOT NULL AUTO_INCREMENT,
    name       VARCHAR(64) NOT NULL,
    wallet     VARCHAR(44) NOT NULL,
    balance    BIGINT      NOT NULL DEFAULT 0,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_api_user_name (name),
    CONSTRAINT ck_api_user_balance CHECK (balance >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- an API_USER key belongs to one API user; keys of the other roles belong to none
ALTER TABLE api_key
    ADD COLUMN api_user_id BIGINT NULL AFTER role,
    ADD CONSTRAINT fk_api_key_user FOREIGN KEY (api_user_id) REFERENCES api_user (id);

-- GRANT (+) by OPS; per task unit: HOLD (-price) when the task is accepted, then RELEASE (+price) when the unit ends,
-- and CHARGE (-price) when it ended verified. Unique per unit and kind: a unit is never held, charged or released twice.
CREATE TABLE credit_entry (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    api_user_id BIGINT       NOT NULL,
    kind        VARCHAR(8)   NOT NULL,
    amount      BIGINT       NOT NULL,
    task_id     CHAR(32)     NULL,
    unit_index  INT          NULL,
    reason      VARCHAR(500) NULL,
    created_by  VARCHAR(128) NULL,
    created_at  DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_credit_user (api_user_id, id),
    UNIQUE KEY uk_credit_unit (task_id, unit_index, kind),
    CONSTRAINT fk_credit_user FOREIGN KEY (api_user_id) REFERENCES api_user (id),
    CONSTRAINT ck_credit_kind CHECK (kind IN ('GRANT', 'HOLD', 'CHARGE', 'RELEASE')),
    CONSTRAINT ck_credit_sign CHECK ((kind IN ('GRANT', 'RELEASE') AND amount > 0)
        OR (kind IN ('HOLD', 'CHARGE') AND amount < 0)),
    CONSTRAINT ck_credit_unit CHECK ((kind = 'GRANT') = (task_id IS NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A task and its units are the dispatch queue: every Hub instance claims PENDING units with a conditional update, a
-- claim holds a lease, and a unit whose instance stopped is PENDING again once its lease has passed. Each attempt is
-- an API_USER call record with event id task:<task>:<unit>:<attempt>; the tried and excluded nodes are read there.
CREATE TABLE task (
    id           CHAR(32)     NOT NULL,
    api_user_id  BIGINT       NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    status       VARCHAR(16)  NOT NULL,
    unit_count   INT          NOT NULL,
    estimate     BIGINT       NOT NULL,
    deadline     DATETIME(6)  NOT NULL,
    submitted_at DATETIME(6)  NOT NULL,
    finished_at  DATETIME(6)  NULL,
    detail       VARCHAR(500) NULL,
    PRIMARY KEY (id),
    KEY ix_task_user (api_user_id, submitted_at),
    KEY ix_task_status (status, submitted_at),
    CONSTRAINT fk_task_user FOREIGN KEY (api_user_id) REFERENCES api_user (id),
    CONSTRAINT ck_task_status CHECK (status IN ('RUNNING', 'DONE', 'FAILED', 'CANCELLED', 'EXPIRED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- a GEMM product: its operands (little-endian FP32, row-major), or the seed they are drawn from
CREATE TABLE task_product (
    task_id       CHAR(32)      NOT NULL,
    product_index INT           NOT NULL,
    m             INT           NOT NULL,
    k             INT           NOT NULL,
    n             INT           NOT NULL,
    seed          VARBINARY(64) NULL,
    a             LONGBLOB      NULL,
    b             LONGBLOB      NULL,
    PRIMARY KEY (task_id, product_index),
    CONSTRAINT fk_product_task FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT ck_product_operands CHECK ((seed IS NULL) = (a IS NOT NULL AND b IS NOT NULL))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- a band of rows [first_row, last_row) of one product; gpu_bytes is what a GPU holds to run it (padded to tiles)
CREATE TABLE task_unit (
    task_id       CHAR(32)     NOT NULL,
    unit_index    INT          NOT NULL,
    product_index INT          NOT NULL,
    first_row     INT          NOT NULL,
    last_row      INT          NOT NULL,
    price         BIGINT       NOT NULL,
    gpu_bytes     BIGINT       NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    attempts      INT          NOT NULL DEFAULT 0,
    failures      INT          NOT NULL DEFAULT 0,
    node_id       VARCHAR(64)  NULL,
    claimed_by    VARCHAR(64)  NULL,
    lease_until   DATETIME(6)  NULL,
    last_error    VARCHAR(512) NULL,
    finished_at   DATETIME(6)  NULL,
    result        LONGBLOB     NULL,
    PRIMARY KEY (task_id, unit_index),
    KEY ix_unit_status (status, task_id, unit_index),
    KEY ix_unit_running (status, node_id),
    CONSTRAINT fk_unit_task FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT ck_unit_status CHECK (status IN ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED')),
    CONSTRAINT ck_unit_price CHECK (price > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
