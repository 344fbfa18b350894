-- Each publishing attempt keeps the blockhash it was signed with and the last block height at which it can land:
-- no new transaction is sent for a version while an earlier one can still land.
-- Attempts stored before this migration get height 0 (expired): they were sent before the Hub stopped for this
-- upgrade, and a blockhash lives 150 blocks (about a minute); a status check still finds them if they landed.
ALTER TABLE distribution_attempt
    ADD COLUMN blockhash VARCHAR(64) NOT NULL DEFAULT '' AFTER signature,
    ADD COLUMN last_valid_block_height BIGINT NOT NULL DEFAULT 0 AFTER blockhash;

ALTER TABLE distribution_attempt
    ALTER COLUMN blockhash DROP DEFAULT,
    ALTER COLUMN last_valid_block_height DROP DEFAULT;
