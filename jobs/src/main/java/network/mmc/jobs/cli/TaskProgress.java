package network.mmc.jobs.cli;

import java.io.PrintWriter;
import network.mmc.jobs.tasks.TaskView;
import network.mmc.settlement.TimeText;

/** How {@code task status} shows a task: a one-line progress bar while it runs, then its units, credits and nodes. */
final class TaskProgress {

    static final int WIDTH = 30;

    private TaskProgress() {
    }

    /** {@code RUNNING [#########.....................]  3/10 units done (1 running, 6 pending) · 3 of 10 credits}. */
    static String bar(TaskView task) {
        TaskView.Units units = task.units();
        int filled = units.total() == 0 ? 0 : (int) ((long) WIDTH * units.done() / units.total());
        StringBuilder line = new StringBuilder(task.status()).append(" [");
        line.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        line.append(units.done()).append('/').append(units.total()).append(" units done (").append(units.running())
                .append(" running, ").append(units.pending()).append(" pending");
        if (units.failed() > 0) {
            line.append(", ").append(units.failed()).append(" failed");
        }
        if (units.cancelled() > 0) {
            line.append(", ").append(units.cancelled()).append(" cancelled");
        }
        return line.append(") · ").append(task.credits().charged()).append(" of ").append(task.credits().estimate())
                .append(" credits").toString();
    }

    /** The task's summary once it has ended (or stopped being followed). */
    static void summary(PrintWriter out, TaskView task) {
        out.printf("task %s (%s) %s: submitted %s, %s%n", task.id(), task.kind(), task.status(),
                TimeText.format(task.submittedAt()), task.finishedAt() == null ? "deadline "
                        + TimeText.format(task.deadline()) : "finished " + TimeText.format(task.finishedAt()));
        if (task.detail() != null) {
            out.println("  " + task.detail());
        }
        out.printf("credits: %d charged, %d still held, %d estimated%n", task.credits().charged(),
                task.credits().held(), task.credits().estimate());
        if (task.nodes().isEmpty()) {
            return;
        }
        out.printf("%-44s %7s %6s %7s %5s %8s %s%n", "NODE", "SUCCESS", "FAILED", "TIMEOUT", "WRONG", "CREDITS", "");
        for (TaskView.Node node : task.nodes()) {
            out.printf("%-44s %7d %6d %7d %5d %8d %s%n", node.nodeId(), node.success(), node.failed(), node.timeout(),
                    node.wrongResult(), node.credits(), node.excluded() ? "excluded: answered wrongly" : "");
        }
    }
}
