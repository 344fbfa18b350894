-- A partition's credit sums are stored exactly, whatever its records hold: DECIMAL(38,0) holds 2^63 records of
-- 2^63 credits each, so the aggregation step cannot overflow. The write step refuses, by node, a window total
-- beyond what settlement counts in (BIGINT); the ingest ceiling (mmc.ingest.max-credits) keeps totals far below.
ALTER TABLE settlement_partial
    MODIFY credits    DECIMAL(38, 0) NOT NULL,
    MODIFY self_dealt DECIMAL(38, 0) NOT NULL;
