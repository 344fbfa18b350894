package network.mmc.jobs.tasks;

/**
 * A unit waiting for a node, as the dispatcher reads it from the queue: its task and kind, the stored fields of its
 * {@link PlannedUnit}, its attempts and failures so far, and the API user who pays for it (name and wallet, as each
 * attempt's call record names them).
 */
public record QueuedUnit(String taskId, TaskKind kind, int unitIndex, int part, int first, int last, long price,
                         long gpuBytes, int attempts, int failures, String userName, String userWallet) {
}
