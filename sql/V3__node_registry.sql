-- Node registry: identity, owner wallet (with history), heartbeats, stake (with audit trail), API keys.

CREATE TABLE node (
    node_id        VARCHAR(64)  NOT NULL,
    public_key     VARBINARY(32) NOT NULL,
    kind           VARCHAR(16)  NOT NULL,
    owner_wallet   VARCHAR(44)  NULL,
    stake          BIGINT       NOT NULL DEFAULT 0,
    suspended      BOOLEAN      NOT NULL DEFAULT FALSE,
    endpoint_url   VARCHAR(255) NULL,
    registered_at  DATETIME(6)  NOT NULL,
    last_status_at DATETIME(6)  NULL,
    gpu_model      VARCHAR(128) NULL,
    gpu_memory_mb  INT          NULL,
    agent_version  VARCHAR(64)  NULL,
    version        BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (node_id),
    UNIQUE KEY uk_node_public_key (public_key),
    KEY ix_node_last_status (last_status_at),
    CONSTRAINT ck_node_stake CHECK (stake >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE node_wallet_binding (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    node_id         VARCHAR(64)  NOT NULL,
    wallet          VARCHAR(44)  NOT NULL,
    previous_wallet VARCHAR(44)  NULL,
    signature       VARCHAR(100) NOT NULL,
    bound_at        DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_binding_node (node_id, id),
    CONSTRAINT fk_binding_node FOREIGN KEY (node_id) REFERENCES node (node_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE node_heartbeat (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    node_id       VARCHAR(64)  NOT NULL,
    reported_at   DATETIME(6)  NOT NULL,
    gpu_model     VARCHAR(128) NULL,
    gpu_memory_mb INT          NULL,
    agent_version VARCHAR(64)  NULL,
    PRIMARY KEY (id),
    KEY ix_heartbeat_node (node_id, reported_at),
    CONSTRAINT fk_heartbeat_node FOREIGN KEY (node_id) REFERENCES node (node_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE stake_change (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    node_id        VARCHAR(64)  NOT NULL,
    previous_stake BIGINT       NOT NULL,
    new_stake      BIGINT       NOT NULL,
    changed_by     VARCHAR(128) NOT NULL,
    reason         VARCHAR(500) NOT NULL,
    changed_at     DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    KEY ix_stake_change_node (node_id, id),
    CONSTRAINT fk_stake_change_node FOREIGN KEY (node_id) REFERENCES node (node_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE api_key (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    key_hash   CHAR(64)     NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    label      VARCHAR(128) NOT NULL,
    created_at DATETIME(6)  NOT NULL,
    revoked_at DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_api_key_hash (key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
