-- When a task's inputs and unit results were deleted: as soon as none of its units runs for a task that ended without
-- a result (cancelled, expired, failed), mmc.tasks.retention after it finished for a DONE one. Until then the rows stay
-- whatever they cost to store; after, the task keeps its row, its units and its call records, not its data.
ALTER TABLE task ADD COLUMN purged_at DATETIME(6) NULL;
CREATE INDEX ix_task_purge ON task (purged_at, status, finished_at);
