-- Call-record retention (README: Call-record retention). A settled window older than mmc.retention.age is written to
-- DIR/<window>/calls.csv.gz, checked, then removed from call_record in bounded batches; this manifest says where each
-- archived window is and how far its removal went, so an interrupted archive is finished (or a restore resumed).
--
-- status: REMOVING (file written and checked; rows being removed, removed_rows of row_count so far), ARCHIVED (every
-- archived row removed), RESTORED (the rows are back in call_record with their ids; the window may be re-run).
-- id_ranges: the primary-key ranges the window's rows were read from ("first-last,first-last"), the only ranges a
-- removal deletes in, always with the window's recorded_at filter.
CREATE TABLE call_archive (
    window_start DATETIME(6)   NOT NULL,
    revision     INT           NOT NULL,
    input_sha256 CHAR(64)      NOT NULL,
    file         VARCHAR(1000) NOT NULL,
    row_count    BIGINT        NOT NULL,
    csv_sha256   CHAR(64)      NOT NULL,
    file_sha256  CHAR(64)      NOT NULL,
    id_ranges    TEXT          NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    removed_rows BIGINT        NOT NULL DEFAULT 0,
    archived_at  DATETIME(6)   NOT NULL,
    removed_at   DATETIME(6)   NULL,
    restored_at  DATETIME(6)   NULL,
    PRIMARY KEY (window_start),
    CONSTRAINT ck_archive_status CHECK (status IN ('REMOVING', 'ARCHIVED', 'RESTORED')),
    CONSTRAINT ck_archive_removed CHECK (removed_rows BETWEEN 0 AND row_count)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- The event ids of archived records that carry no called_at, as the first 16 bytes of SHA-256(event_id), so that
-- such a record sent again after its row left call_record is still a duplicate (a record with a called_at is refused
-- by mmc.ingest.max-age long before its window can be archived). A key is here exactly while its row is archived:
-- it is inserted in the transaction that deletes the row, and deleted in the one that restores it.
CREATE TABLE call_archived_event (
    event_hash BINARY(16) NOT NULL,
    PRIMARY KEY (event_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
