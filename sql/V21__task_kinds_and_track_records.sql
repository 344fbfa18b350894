-- Task kinds beyond GEMM (README: MLP inference) and adaptive spot checks (README: Spot checks).

-- an MLP inference task's model (layer sizes, then per layer its weights and biases, little-endian, as
-- network.mmc.gpu.MlpWireFormat writes a model) and its input rows (rows x inputs FP32, little-endian, row-major);
-- a unit computes rows [first_row, last_row) of the outputs
CREATE TABLE task_mlp (
    task_id    CHAR(32) NOT NULL,
    input_rows INT      NOT NULL,
    model      LONGBLOB NOT NULL,
    inputs     LONGBLOB NOT NULL,
    PRIMARY KEY (task_id),
    CONSTRAINT fk_mlp_task FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT ck_mlp_rows CHECK (input_rows > 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- each node's record of checked task answers (verified by an exact check or a re-execution, or found wrong), across
-- every task: clean_checks counts the verified answers since its last wrong one; it sets how often its answers of
-- kinds verified by re-execution are spot-checked
CREATE TABLE node_track_record (
    node_id       VARCHAR(64) NOT NULL,
    clean_checks  BIGINT      NOT NULL,
    wrong_results BIGINT      NOT NULL,
    last_wrong_at DATETIME(6) NULL,
    updated_at    DATETIME(6) NOT NULL,
    PRIMARY KEY (node_id),
    CONSTRAINT ck_track_counts CHECK (clean_checks >= 0 AND wrong_results >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
