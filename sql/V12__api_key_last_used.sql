-- When each API key was last accepted (to the minute), so ops can see which keys are idle before revoking them.
-- Keys used before this migration show no time until their next use.
ALTER TABLE api_key ADD COLUMN last_used_at DATETIME(6) NULL AFTER created_at;
