-- People who sign in to the web console (ops and finance). Passwords are stored only as BCrypt hashes; repeated
-- failed sign-ins lock the account for a while, counted here so that every Hub instance sees the same count.
-- credentials_changed_at: a session signed in before it (a new password, a disabled account) is ended.
CREATE TABLE console_user (
    id              BIGINT       NOT NULL AUTO_INCREMENT,
    username        VARCHAR(64)  NOT NULL,
    password_hash   VARCHAR(100) NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    created_at      DATETIME(6)  NOT NULL,
    credentials_changed_at DATETIME(6) NOT NULL,
    disabled_at     DATETIME(6)  NULL,
    failed_sign_ins INT          NOT NULL DEFAULT 0,
    locked_until    DATETIME(6)  NULL,
    last_sign_in_at DATETIME(6)  NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uk_console_user_username (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
