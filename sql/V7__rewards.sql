-- Withdrawal ("extraction") requests and the cumulative distributions that publish them (SETTLEMENT.md §7-8).

-- One row per wallet that ever asked: its last nonce. Locked FOR UPDATE while a request is checked, so two
-- requests of one wallet cannot both spend the same withdrawable balance.
CREATE TABLE reward_wallet (
    wallet       VARCHAR(44) NOT NULL,
    last_nonce   BIGINT      NOT NULL,
    PRIMARY KEY (wallet)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE distribution (
    version      BIGINT      NOT NULL,
    root         CHAR(64)    NOT NULL,
    total        BIGINT      NOT NULL,
    leaf_count   INT         NOT NULL,
    status       VARCHAR(16) NOT NULL,
    created_at   DATETIME(6) NOT NULL,
    confirmed_at DATETIME(6) NULL,
    signature    VARCHAR(100) NULL,
    slot         BIGINT      NULL,
    last_error   VARCHAR(1000) NULL,
    PRIMARY KEY (version),
    CONSTRAINT ck_distribution_status CHECK (status IN ('PENDING', 'CONFIRMED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- every signature sent for a version, so a retry first checks whether an earlier one already landed
CREATE TABLE distribution_attempt (
    version      BIGINT       NOT NULL,
    signature    VARCHAR(100) NOT NULL,
    sent_at      DATETIME(6)  NOT NULL,
    PRIMARY KEY (version, signature),
    CONSTRAINT fk_attempt_distribution FOREIGN KEY (version) REFERENCES distribution (version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE distribution_leaf (
    version      BIGINT      NOT NULL,
    leaf_index   INT         NOT NULL,
    wallet       VARCHAR(44) NOT NULL,
    cumulative   BIGINT      NOT NULL,
    proof        TEXT        NOT NULL,
    PRIMARY KEY (version, leaf_index),
    UNIQUE KEY uk_leaf_wallet (wallet, version),
    CONSTRAINT fk_leaf_distribution FOREIGN KEY (version) REFERENCES distribution (version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE withdrawal_request (
    id           BIGINT      NOT NULL AUTO_INCREMENT,
    wallet       VARCHAR(44) NOT NULL,
    amount       BIGINT      NOT NULL,
    nonce        BIGINT      NOT NULL,
    signature    VARCHAR(100) NOT NULL,
    status       VARCHAR(16) NOT NULL,
    requested_at DATETIME(6) NOT NULL,
    version      BIGINT      NULL,
    synced_at    DATETIME(6) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_withdrawal_nonce (wallet, nonce),
    KEY ix_withdrawal_status (status, version),
    CONSTRAINT fk_withdrawal_distribution FOREIGN KEY (version) REFERENCES distribution (version),
    CONSTRAINT ck_withdrawal_amount CHECK (amount > 0),
    CONSTRAINT ck_withdrawal_status CHECK (status IN ('REQUESTED', 'SYNCED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
