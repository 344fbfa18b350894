-- Claims of confirmed distributions, paid in MMC from the treasury on chain (SETTLEMENT.md §9).
-- A claim pays cumulative − claimed_before, where claimed_before is what the wallet's earlier claims pay in all
-- (confirmed or still in flight): each claim starts where the one before ended, so (wallet, claimed_before) is
-- unique and a wallet's claims in all pay exactly the cumulative amount of its last one, never more. signature is
-- the wallet's signature of the claim message: a message is accepted once.
CREATE TABLE claim (
    id                      BIGINT       NOT NULL AUTO_INCREMENT,
    wallet                  VARCHAR(44)  NOT NULL,
    version                 BIGINT       NOT NULL,
    cumulative              BIGINT       NOT NULL,
    claimed_before          BIGINT       NOT NULL,
    amount                  BIGINT       NOT NULL,
    signature               VARCHAR(100) NOT NULL,
    status                  VARCHAR(16)  NOT NULL,
    requested_at            DATETIME(6)  NOT NULL,
    -- the payout transaction: the latest one sent, and once CONFIRMED the one that landed
    tx_signature            VARCHAR(100) NULL,
    blockhash               VARCHAR(64)  NULL,
    last_valid_block_height BIGINT       NULL,
    slot                    BIGINT       NULL,
    confirmed_at            DATETIME(6)  NULL,
    last_error              VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_claim_signature (signature),
    UNIQUE KEY uk_claim_wallet_before (wallet, claimed_before),
    KEY ix_claim_status (status),
    CONSTRAINT fk_claim_distribution FOREIGN KEY (version) REFERENCES distribution (version),
    CONSTRAINT ck_claim_amount CHECK (amount > 0 AND claimed_before >= 0 AND claimed_before + amount = cumulative),
    CONSTRAINT ck_claim_status CHECK (status IN ('PENDING', 'SENT', 'CONFIRMED'))
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- every payout transaction of a claim, stored before it is sent: a retry first checks whether one already landed,
-- and sends a new one only once every earlier one's blockhash expired without it landing
CREATE TABLE claim_attempt (
    claim_id                BIGINT       NOT NULL,
    signature               VARCHAR(100) NOT NULL,
    blockhash               VARCHAR(64)  NOT NULL,
    last_valid_block_height BIGINT       NOT NULL,
    sent_at                 DATETIME(6)  NOT NULL,
    PRIMARY KEY (claim_id, signature),
    CONSTRAINT fk_claim_attempt_claim FOREIGN KEY (claim_id) REFERENCES claim (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
