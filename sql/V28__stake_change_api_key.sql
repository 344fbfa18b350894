-- A stake correction sent over REST names its operator in the request body; the API key that sent it is what
-- the Hub itself authenticated, so the audit trail keeps it too. NULL: set on the Hub's machine (`stake`) or
-- by the vault sync (changed_by names the wallet).
ALTER TABLE stake_change
    ADD COLUMN api_key_id BIGINT NULL;
