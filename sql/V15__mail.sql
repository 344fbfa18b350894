-- Mail (README: Mail). A message is written to the outbox in the transaction of what it reports (a rolled-back
-- settlement leaves none) and sent later by the scheduled sender. The unique key makes each (subject, recipient,
-- kind) one row, whoever writes it and however often; a row is claimed by one sender with one UPDATE before it is
-- sent, so several Hub instances never send it twice.
--
-- status: PENDING (waiting, next_attempt_at says from when), SENDING (claimed by claimed_by at claimed_at), SENT,
-- FAILED (gave up after mmc.mail.max-attempts), UNKNOWN (its sender stopped while sending it: not sent again).

CREATE TABLE mail_outbox (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    subject_key     VARCHAR(128)  NOT NULL,
    recipient       VARCHAR(254)  NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    subject         VARCHAR(255)  NOT NULL,
    text_body       MEDIUMTEXT    NOT NULL,
    html_body       MEDIUMTEXT    NOT NULL,
    unsubscribe_url VARCHAR(1000) NULL,
    status          VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6)   NOT NULL,
    claimed_by      CHAR(36)      NULL,
    claimed_at      DATETIME(6)   NULL,
    last_error      VARCHAR(1000) NULL,
    created_at      DATETIME(6)   NOT NULL,
    sent_at         DATETIME(6)   NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_mail_outbox_once (subject_key, recipient, kind),
    KEY ix_mail_outbox_due (status, next_attempt_at),
    KEY ix_mail_outbox_kind (kind, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- A wallet's digest subscription (double opt-in). The confirmation token is kept only as its SHA-256; the
-- unsubscribe token is kept as is, because every digest carries it (and the outbox holds those digests anyway).
-- signed_at: the time of the last accepted signed request of the wallet, for replay protection.
CREATE TABLE mail_subscription (
    id                   BIGINT       NOT NULL AUTO_INCREMENT,
    wallet               VARCHAR(44)  NOT NULL,
    email                VARCHAR(254) NOT NULL,
    cadence              VARCHAR(8)   NOT NULL,
    status               VARCHAR(16)  NOT NULL,
    confirm_token_sha256 CHAR(64)     NULL,
    unsubscribe_token    CHAR(43)     NOT NULL,
    signed_at            DATETIME(6)  NOT NULL,
    created_at           DATETIME(6)  NOT NULL,
    confirmed_at         DATETIME(6)  NULL,
    unsubscribed_at      DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_mail_subscription (wallet, email),
    UNIQUE KEY uk_mail_subscription_confirm (confirm_token_sha256),
    UNIQUE KEY uk_mail_subscription_unsubscribe (unsubscribe_token),
    KEY ix_mail_subscription_status (status, cadence, wallet)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
