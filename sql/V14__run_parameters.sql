-- The settlement terms a run was computed with (SettlementParameters.terms(): a JSON object of name -> exact text),
-- so that `runs export` can hand them to `audit`; NULL for runs written before this column existed.

ALTER TABLE settlement_run ADD COLUMN parameters VARCHAR(1000) NULL AFTER cap;
