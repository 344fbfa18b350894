package network.mmc.jobs.tasks;

import java.io.IOException;
import tools.jackson.core.JsonGenerator;

/**
 * What one kind of task brings to the queue that {@link TaskService} fills and {@link TaskDispatcher} runs; everything
 * else (the hold and charge of credits, the claim and lease of units, retries on other nodes, excluding a node that
 * answered wrongly, call records, cancel, expiry, restarts) is the same for every kind. A handler is a Spring bean;
 * {@link TaskHandlers} finds it by {@link #kind()}.
 *
 * <p>The life of a task, and which method each step calls:
 * <ol>
 * <li>{@link #plan}: {@code POST /api/tasks} (or {@code task submit}) checks the request and cuts it into
 *     {@link PlannedUnit}s, each with its price (the kind's documented formula) and the GPU memory it needs. Bad input
 *     throws {@link IllegalArgumentException} naming the field and what is wrong (a 400); nothing is stored then.</li>
 * <li>{@link #insertInputs}: in the transaction that holds the estimate and stores the task and its units, the kind
 *     stores what its units are computed from (in its own table), keyed by the task id.</li>
 * <li>{@link #call}: for each attempt, on a dispatcher worker thread, what is sent to the chosen node (path on the
 *     node's task server, body, the length of a right answer); the part's shared operand by hash where the node
 *     keeps it ({@link #keepsOperands}). Called concurrently for units of several tasks:
 *     thread safe, and it reads only (a cache of decoded inputs is fine).</li>
 * <li>{@link #judge}: the node's answer (HTTP 200, at most {@link UnitCall#answerBytes()} bytes) to that call; verify
 *     it or accept it. {@code spotCheck} says whether the node's track record ({@link SpotCheckRate}) asks for this
 *     answer to be verified: a kind whose check is cheap (GEMM: Freivalds) may verify every answer; a kind verified by
 *     re-execution must when asked and may accept the answer unchecked otherwise. Same threading rules as
 *     {@link #call}. Failed, timed-out and refused calls never reach it.</li>
 * <li>{@link #writeResult}: once every unit is DONE, {@code GET /api/tasks/{id}/result} writes the kind's part of the
 *     result object from the verdicts' {@link UnitVerdict#result()}s, read back in unit order; once a task ended
 *     otherwise, the part its DONE units computed.</li>
 * </ol>
 * A kind also needs: a {@link TaskKind} constant, its fields in {@link TaskRequest}, its settings under
 * {@code mmc.tasks.<kind>} and a node endpoint that computes a unit.
 *
 * @param <P> the kind's plan: what {@link #plan} checked and {@link #insertInputs} stores
 */
public interface TaskKindHandler<P extends TaskPlan> {

    TaskKind kind();

    /** The {@code task_type} of this kind's call records, e.g. {@code gemm}. */
    String taskType();

    /** Checks the request and cuts it; throws {@link IllegalArgumentException} naming what is wrong. */
    P plan(TaskRequest request);

    /** Stores the plan's inputs; runs inside the submitting transaction. */
    void insertInputs(String taskId, P plan);

    /**
     * Deletes what {@link #insertInputs} stored for the task (and whatever the kind stored while it ran), in the
     * transaction that purges the task once no unit of it runs: nothing reads them after.
     */
    void deleteInputs(String taskId);

    /**
     * A node refused the unit with HTTP 422, saying (in {@code reason}) that the unit itself cannot be computed, as a
     * training shard whose sums overflow the fixed-point range: the kind may check that claim by running the unit
     * itself, and answer {@link UnitVerdict#unfit} when it agrees, {@link UnitVerdict#wrong} when it does not. Null
     * (the default): an ordinary failed attempt, which other nodes retry.
     */
    default UnitVerdict judgeRefusal(QueuedUnit unit, String reason) {
        return null;
    }

    /**
     * What a node is sent for this unit. With {@code kept}, only for a kind that {@link #keepsOperands}: the part's
     * shared operand named by its hash alone, for a node that was sent it in full with an earlier unit of the part
     * (a node that keeps it no more answers 409, and is then sent the full call).
     */
    UnitCall call(QueuedUnit unit, boolean kept);

    /**
     * Whether the units of a part share an operand that a node keeps by hash (GEMM: a product's B; training: a step's
     * parameters), so that {@link #call} names it for a node that has it. False (the default): every call is full.
     */
    default boolean keepsOperands() {
        return false;
    }

    /** Verifies or accepts a node's answer to {@code call}. */
    UnitVerdict judge(QueuedUnit unit, UnitCall call, byte[] answer, boolean spotCheck);

    /**
     * Units of part {@code part} of a RUNNING task, or of a CANCELLED one that were sent before the cancel, became
     * DONE: called once per part for the units a transaction records together, after all of them are DONE, with the
     * task's row locked, so a kind whose units depend on earlier ones (training: a step's units on the step before)
     * can complete the part and release the next ones (WAITING → PENDING; a cancelled task has none) exactly once.
     * Most kinds have nothing to do.
     *
     * @return null, or why the task cannot go on: a RUNNING one then FAILS, its other units cancelled and their holds
     *     released
     */
    default String unitsDone(String taskId, int part) {
        return null;
    }

    /**
     * Writes the kind's properties of a task's result object (the caller has written {@code id}, {@code kind},
     * {@code status} and {@code complete}, and closes the object): a DONE task's complete result, or, not
     * {@code complete}, the part an ended task's DONE units computed.
     */
    void writeResult(String taskId, boolean complete, UnitResults results, JsonGenerator json) throws IOException;

    /** The results of a task's units, in unit order: null for a unit not done. */
    interface UnitResults {

        void each(Consumer consumer);

        /** Receives unit {@code unitIndex}'s result: rows {@code [first, last)} of part {@code part}. */
        interface Consumer {
            void accept(int unitIndex, int part, int first, int last, byte[] result) throws IOException;
        }
    }
}
