package network.mmc.jobs.tasks;

import java.time.Instant;
import network.mmc.settlement.CallStatus;

/**
 * A stored task: RUNNING until every unit is DONE (DONE), a unit fails for good (FAILED), its user cancels it
 * (CANCELLED) or its deadline passes (EXPIRED). {@code estimate} is what was held for it at submission.
 */
record TaskRow(String id, long apiUserId, TaskKind kind, String status, int unitCount, long estimate, Instant deadline,
               Instant submittedAt, Instant finishedAt, String detail) {

    /** A task's units by status. */
    record UnitCounts(int pending, int running, int done, int failed, int cancelled) {
    }

    /** How many attempts a node made at the task's units with one outcome, and the credits they were charged. */
    record NodeAttempts(String nodeId, CallStatus status, int attempts, long credits) {
    }
}
