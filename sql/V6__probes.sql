-- Validator probe rounds. A round's targets are fixed when it starts, so a restarted round probes
-- exactly the nodes it has not probed yet; each probe's VALIDATOR call record has the event id
-- '<round id>:<node id>', so a retried round never records a node twice.

CREATE TABLE probe_round (
    round_id      VARCHAR(80)  NOT NULL,
    validator_id  VARCHAR(64)  NOT NULL,
    started_at    DATETIME(6)  NOT NULL,
    finished_at   DATETIME(6)  NULL,
    n             INT          NOT NULL,
    k             INT          NOT NULL,
    PRIMARY KEY (round_id),
    KEY ix_probe_round_validator (validator_id, started_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE probe_target (
    round_id      VARCHAR(80)  NOT NULL,
    node_id       VARCHAR(64)  NOT NULL,
    endpoint_url  VARCHAR(512) NULL,
    PRIMARY KEY (round_id, node_id),
    CONSTRAINT fk_probe_target_round FOREIGN KEY (round_id) REFERENCES probe_round (round_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE probe_result (
    round_id      VARCHAR(80)  NOT NULL,
    node_id       VARCHAR(64)  NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    called_at     DATETIME(6)  NOT NULL,
    latency_ms    INT          NOT NULL,
    gflops        DOUBLE       NULL,
    detail        VARCHAR(512) NULL,
    PRIMARY KEY (round_id, node_id),
    CONSTRAINT fk_probe_result_target FOREIGN KEY (round_id, node_id) REFERENCES probe_target (round_id, node_id),
    CONSTRAINT ck_probe_status CHECK (status IN ('SUCCESS', 'FAILED', 'TIMEOUT', 'WRONG_RESULT'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
