-- How each node fared at each task: the dispatcher reads it on every pass to exclude nodes that answered wrongly and
-- to hold back nodes whose attempts failed. Summing the task's call records instead read every attempt of the task
-- on every pass (quadratic in its units). Only unverified attempts are counted, so the rows stay few.
CREATE TABLE task_node_record (
    task_id         CHAR(32)    NOT NULL,
    node_id         VARCHAR(64) NOT NULL,
    wrong_results   INT         NOT NULL,
    failed_attempts INT         NOT NULL,
    PRIMARY KEY (task_id, node_id),
    CONSTRAINT fk_task_node_task FOREIGN KEY (task_id) REFERENCES task (id),
    CONSTRAINT ck_task_node_counts CHECK (wrong_results >= 0 AND failed_attempts >= wrong_results)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- tasks already running when this migration runs keep their exclusions
INSERT INTO task_node_record (task_id, node_id, wrong_results, failed_attempts)
SELECT SUBSTRING_INDEX(SUBSTRING_INDEX(c.event_id, ':', 2), ':', -1), c.node_id, SUM(c.status = 'WRONG_RESULT'),
       COUNT(*)
FROM call_record c
WHERE c.caller_type = 'API_USER' AND c.event_id LIKE 'task:%' AND c.status <> 'SUCCESS'
  AND SUBSTRING_INDEX(SUBSTRING_INDEX(c.event_id, ':', 2), ':', -1) IN (SELECT id FROM task)
GROUP BY SUBSTRING_INDEX(SUBSTRING_INDEX(c.event_id, ':', 2), ':', -1), c.node_id;

-- A unit's answer, apart from its row: stored in the unit's row, a 4 KB answer made the row forty times longer on
-- the update that finished it, and InnoDB split and rewrote the unit table's pages at every recording. Appended
-- here, it costs an insert in key order.
CREATE TABLE task_unit_result (
    task_id    CHAR(32) NOT NULL,
    unit_index INT      NOT NULL,
    result     LONGBLOB NOT NULL,
    PRIMARY KEY (task_id, unit_index),
    CONSTRAINT fk_result_unit FOREIGN KEY (task_id, unit_index) REFERENCES task_unit (task_id, unit_index)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO task_unit_result (task_id, unit_index, result)
SELECT task_id, unit_index, result FROM task_unit WHERE result IS NOT NULL;

ALTER TABLE task_unit DROP COLUMN result;
