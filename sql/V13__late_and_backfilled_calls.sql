-- Late call records and the ops backfill mode (README: Late call records).
--
-- late_calls / late_call_count: records a window counted (by recorded_at, the receipt time) whose called_at lies in
-- another window. NULL on runs written before this migration: they were not counted.
ALTER TABLE settlement_partial
    ADD COLUMN late_calls BIGINT NOT NULL DEFAULT 0;
ALTER TABLE settlement_run
    ADD COLUMN late_call_count BIGINT NULL;

-- A backfilled record gets recorded_at := called_at, a past time, and an id newer than every record received
-- before it, so the window's receipt-ordered id range no longer holds it. Each backfill load records here, per
-- window, an id range holding every row it stored into that window; settlement scans these ranges too (by
-- primary key) and still keeps only the rows whose recorded_at is in the window. A range may hold other rows
-- (records received meanwhile): they are filtered out by time.
CREATE TABLE call_backfill_range (
    window_start DATETIME(6) NOT NULL,
    first_id     BIGINT      NOT NULL,
    last_id      BIGINT      NOT NULL,
    PRIMARY KEY (window_start, first_id),
    CONSTRAINT ck_backfill_range CHECK (first_id <= last_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
