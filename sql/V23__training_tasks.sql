-- Exact data-parallel training tasks (README: Exact training). A training task's units are its steps' shards: unit
-- (step s, shard i) has product_index = s and rows [first_row, last_row) of step s's batch. Units of later steps wait
-- (WAITING) until the step before them is applied; cancelling a task cancels its waiting units with its pending ones.
ALTER TABLE task_unit DROP CONSTRAINT ck_unit_status;
ALTER TABLE task_unit ADD CONSTRAINT ck_unit_status
    CHECK (status IN ('PENDING', 'WAITING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED'));

-- what fixes the run's result (network.mmc.gpu.training.TrainingPlan), its samples (big-endian int32: count, inputs,
-- classes, then Q16.16 features and labels) and the secret that draws the one shard of each step the Hub always
-- re-computes (nodes never see it)
CREATE TABLE task_training (
    task_id        CHAR(32)     NOT NULL,
    widths         VARCHAR(200) NOT NULL,
    seed           BIGINT       NOT NULL,
    batch_size     INT          NOT NULL,
    steps          INT          NOT NULL,
    lr_numerator   INT          NOT NULL,
    lr_denominator INT          NOT NULL,
    shards         INT          NOT NULL,
    dataset        VARCHAR(64)  NOT NULL,
    training       LONGBLOB     NOT NULL,
    held_out       LONGBLOB     NULL,
    check_key      BINARY(32)   NOT NULL,
    PRIMARY KEY (task_id),
    CONSTRAINT fk_training_task FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT ck_training_sizes CHECK (steps > 0 AND batch_size > 0 AND shards > 0 AND lr_numerator > 0
        AND lr_denominator > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- the parameters each step starts from (step 0: the seeded initial ones; step = steps: the trained model), canonical
-- bytes (MlpParameters.canonicalBytes) and their SHA-256; written once, in the transaction that makes the step's last
-- unit DONE, so a restarted Hub goes on from the last applied step
CREATE TABLE task_training_step (
    task_id         CHAR(32)    NOT NULL,
    step            INT         NOT NULL,
    parameters_hash CHAR(64)    NOT NULL,
    parameters      LONGBLOB    NOT NULL,
    applied_at      DATETIME(6) NOT NULL,
    PRIMARY KEY (task_id, step),
    CONSTRAINT fk_training_step_task FOREIGN KEY (task_id) REFERENCES task (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
