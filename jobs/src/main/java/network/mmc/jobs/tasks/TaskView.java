package network.mmc.jobs.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mmc.jobs.apiusers.CreditLedger;
import network.mmc.settlement.CallStatus;

/**
 * A task as its user sees it.
 *
 * @param units   its units by state
 * @param credits {@code estimate} held at submission, {@code charged} for verified units, {@code held} still reserved
 *                for units not finished
 * @param nodes   each node that ran an attempt: attempts by outcome and credits charged for its verified units;
 *                {@code excluded} when it answered a unit wrongly (it gets no more units of this task)
 * @param detail  why it failed or ended, when it did
 */
public record TaskView(String id, TaskKind kind, String status, Instant submittedAt, Instant deadline,
                       Instant finishedAt, Units units, Credits credits, List<Node> nodes, String detail) {

    public record Units(int total, int pending, int running, int done, int failed, int cancelled) {
    }

    public record Credits(long estimate, long charged, long held) {
    }

    public record Node(String nodeId, int success, int failed, int timeout, int wrongResult, long credits,
                       boolean excluded) {
    }

    static TaskView of(TaskRow task, TaskRow.UnitCounts units, CreditLedger.TaskCredits credits,
                       List<TaskRow.NodeAttempts> attempts) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Long> charged = new LinkedHashMap<>();
        for (TaskRow.NodeAttempts attempt : attempts) {
            counts.computeIfAbsent(attempt.nodeId(), node -> new int[CallStatus.values().length])
                    [attempt.status().ordinal()] += attempt.attempts();
            charged.merge(attempt.nodeId(), attempt.credits(), Long::sum);
        }
        List<Node> nodes = new ArrayList<>();
        counts.forEach((node, byStatus) -> nodes.add(new Node(node, byStatus[CallStatus.SUCCESS.ordinal()],
                byStatus[CallStatus.FAILED.ordinal()], byStatus[CallStatus.TIMEOUT.ordinal()],
                byStatus[CallStatus.WRONG_RESULT.ordinal()], charged.get(node),
                byStatus[CallStatus.WRONG_RESULT.ordinal()] > 0)));
        return new TaskView(task.id(), task.kind(), task.status(), task.submittedAt(), task.deadline(), task.finishedAt(),
                new Units(task.unitCount(), units.pending(), units.running(), units.done(), units.failed(),
                        units.cancelled()), new Credits(task.estimate(), credits.charged(), credits.held()),
                List.copyOf(nodes), task.detail());
    }
}
