-- Staking from the owner's wallet (SETTLEMENT.md §9, README "Staking"): the vault's transactions as the Hub read
-- them, what each wallet staked for each node, unstake requests and their payouts from the vault.

-- Every transaction of the stake vault the sync read, once (signature unique): CREDITED to a node's stake, REPORTED
-- (a transfer into the vault that is not credited: unknown node, wrong sender, malformed memo; reason says why) or
-- IGNORED (no transfer into the vault: its creation, unstake payouts; or failed on chain). Rows are inserted in the
-- chain's order, oldest first: the newest row is where the next sync starts reading.
CREATE TABLE stake_transfer (
    id        BIGINT        NOT NULL AUTO_INCREMENT,
    signature VARCHAR(100)  NOT NULL,
    slot      BIGINT        NOT NULL,
    status    VARCHAR(16)   NOT NULL,
    -- the node the memo names (may be unknown to the Hub: no foreign key), the transfer's signing owner and source
    node_id   VARCHAR(64)   NULL,
    sender    VARCHAR(44)   NULL,
    source    VARCHAR(44)   NULL,
    amount    BIGINT        NULL,
    memo      VARCHAR(200)  NULL,
    reason    VARCHAR(500)  NULL,
    synced_at DATETIME(6)   NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_stake_transfer_signature (signature),
    KEY ix_stake_transfer_node (node_id, id),
    KEY ix_stake_transfer_status (status, id),
    CONSTRAINT ck_stake_transfer_status CHECK (status IN ('CREDITED', 'REPORTED', 'IGNORED')),
    CONSTRAINT ck_stake_transfer_credit CHECK (status <> 'CREDITED'
        OR (node_id IS NOT NULL AND sender IS NOT NULL AND amount > 0))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What a wallet staked for a node (credited transfers) and took back (unstakes): an unstake is refused, by a
-- conditional update and by this check, once it would take back more than the wallet staked for the node.
CREATE TABLE stake_balance (
    node_id   VARCHAR(64) NOT NULL,
    wallet    VARCHAR(44) NOT NULL,
    deposited BIGINT      NOT NULL,
    withdrawn BIGINT      NOT NULL,
    PRIMARY KEY (node_id, wallet),
    CONSTRAINT fk_stake_balance_node FOREIGN KEY (node_id) REFERENCES node (node_id),
    CONSTRAINT ck_stake_balance CHECK (deposited >= 0 AND withdrawn >= 0 AND withdrawn <= deposited)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Each wallet's last accepted unstake nonce: a signed unstake is accepted once, in nonce order.
CREATE TABLE stake_wallet (
    wallet     VARCHAR(44) NOT NULL,
    last_nonce BIGINT      NOT NULL,
    PRIMARY KEY (wallet)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- An accepted unstake: the stake stopped counting at requested_at; the tokens go back from the vault to the wallet's
-- associated token account once due_at passed (WAITING → SENT → PAID), with the claims' send / confirm / re-send rule.
CREATE TABLE unstake (
    id                      BIGINT        NOT NULL AUTO_INCREMENT,
    node_id                 VARCHAR(64)   NOT NULL,
    wallet                  VARCHAR(44)   NOT NULL,
    amount                  BIGINT        NOT NULL,
    nonce                   BIGINT        NOT NULL,
    signature               VARCHAR(100)  NOT NULL,
    requested_at            DATETIME(6)   NOT NULL,
    due_at                  DATETIME(6)   NOT NULL,
    status                  VARCHAR(16)   NOT NULL,
    tx_signature            VARCHAR(100)  NULL,
    slot                    BIGINT        NULL,
    paid_at                 DATETIME(6)   NULL,
    last_error              VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_unstake_signature (signature),
    UNIQUE KEY uk_unstake_nonce (wallet, nonce),
    KEY ix_unstake_node (node_id, id),
    KEY ix_unstake_due (status, due_at),
    CONSTRAINT fk_unstake_node FOREIGN KEY (node_id) REFERENCES node (node_id),
    CONSTRAINT ck_unstake_amount CHECK (amount > 0 AND nonce > 0),
    CONSTRAINT ck_unstake_status CHECK (status IN ('WAITING', 'SENT', 'PAID'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- every payout transaction of an unstake, stored before it is sent
CREATE TABLE unstake_attempt (
    unstake_id              BIGINT       NOT NULL,
    signature               VARCHAR(100) NOT NULL,
    blockhash               VARCHAR(64)  NOT NULL,
    last_valid_block_height BIGINT       NOT NULL,
    sent_at                 DATETIME(6)  NOT NULL,
    PRIMARY KEY (unstake_id, signature),
    CONSTRAINT fk_unstake_attempt_unstake FOREIGN KEY (unstake_id) REFERENCES unstake (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
