-- Every call a node served. The primary key grows with recorded_at (the Hub's receipt time), so a window
-- is a primary-key range found with two seeks on ix_call_recorded.

CREATE TABLE call_record (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    event_id      VARCHAR(128) NOT NULL,
    node_id       VARCHAR(64)  NOT NULL,
    caller_type   VARCHAR(16)  NOT NULL,
    caller_id     VARCHAR(128) NULL,
    caller_wallet VARCHAR(44)  NULL,
    task_type     VARCHAR(64)  NULL,
    status        VARCHAR(16)  NOT NULL,
    credits       BIGINT       NOT NULL,
    latency_ms    INT          NULL,
    called_at     DATETIME(6)  NULL,
    recorded_at   DATETIME(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_call_event (event_id),
    KEY ix_call_recorded (recorded_at),
    CONSTRAINT ck_call_credits CHECK (credits >= 0),
    CONSTRAINT ck_call_caller_type CHECK (caller_type IN ('API_USER', 'VALIDATOR', 'HUB')),
    CONSTRAINT ck_call_status CHECK (status IN ('SUCCESS', 'FAILED', 'TIMEOUT', 'WRONG_RESULT'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
