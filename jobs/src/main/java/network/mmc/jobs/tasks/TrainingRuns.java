package network.mmc.jobs.tasks;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import network.mmc.gpu.training.BatchSchedule;
import network.mmc.gpu.training.MlpParameters;
import network.mmc.gpu.training.MlpShape;
import network.mmc.gpu.training.Samples;
import network.mmc.gpu.training.SgdUpdate;
import network.mmc.gpu.training.ShardSplit;
import network.mmc.gpu.training.TrainingPlan;
import network.mmc.gpu.training.TrainingWireFormat;
import network.mmc.jobs.database.UtcTimestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The training tables: each task's plan and samples ({@code task_training}) and the parameters each applied step
 * starts from ({@code task_training_step}). Both are written once and never changed, so what is read is cached.
 */
@Repository
class TrainingRuns {

    private static final int CACHED = 16;
    private static final long CACHED_BYTES = 64L << 20;

    /** A task's run as its units need it: the plan, samples, batch order, shard cut and check secret. */
    record Run(TrainingPlan plan, String dataset, Samples training, Samples heldOut, int shards, byte[] checkKey) {

        BatchSchedule schedule() {
            return plan.schedule(training);
        }

        ShardSplit split() {
            return new ShardSplit(plan.batchSize(), shards);
        }
    }

    private final JdbcTemplate jdbc;
    private final StoredValueLimit limit;
    private final DecodedCache<Run> runs = new DecodedCache<>(CACHED, CACHED_BYTES,
            run -> sampleBytes(run.training()) + (run.heldOut() == null ? 0 : sampleBytes(run.heldOut())));
    private final DecodedCache<MlpParameters> steps = new DecodedCache<>(CACHED, CACHED_BYTES,
            parameters -> (long) Integer.BYTES * parameters.shape().parameterCount());

    TrainingRuns(JdbcTemplate jdbc, StoredValueLimit limit) {
        this.jdbc = jdbc;
        this.limit = limit;
    }

    private static long sampleBytes(Samples samples) {
        return (long) Integer.BYTES * samples.count() * (samples.inputs() + 1);
    }

    /**
     * Stores the run and its initial parameters; joins the submitting transaction. Refused, naming the value, when
     * the samples or the parameters are larger than the database stores ({@link StoredValueLimit}).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void insert(String taskId, TrainingTaskPlan plan, byte[] checkKey, Instant now) {
        TrainingPlan training = plan.plan();
        byte[] samples = TrainingWireFormat.encodeSamples(plan.training());
        byte[] heldOut = plan.heldOut() == null ? null : TrainingWireFormat.encodeSamples(plan.heldOut());
        limit.check("the training and held-out samples", samples.length + (heldOut == null ? 0L : heldOut.length));
        jdbc.update("INSERT INTO task_training (task_id, widths, seed, batch_size, steps, lr_numerator, lr_denominator,"
                        + " shards, dataset, training, held_out, check_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                taskId, Arrays.stream(training.shape().widths()).mapToObj(String::valueOf).collect(Collectors.joining(",")),
                training.seed(), training.batchSize(), training.steps(), training.update().numerator(),
                training.update().denominator(), plan.shards(), plan.dataset(), samples, heldOut, checkKey);
        insertStep(taskId, 0, training.initialParameters(), now);
    }

    /** Deletes the task's plan, samples and steps; their cached copies go with them. */
    void delete(String taskId) {
        jdbc.update("DELETE FROM task_training_step WHERE task_id = ?", taskId);
        jdbc.update("DELETE FROM task_training WHERE task_id = ?", taskId);
        runs.removeIf(taskId::equals);
        steps.removeIf(key -> key.startsWith(taskId + ":"));
    }

    /**
     * Records the parameters step {@code step} starts from; within the transaction that applied the step before (step
     * 0: the submitting one, whose refusal of parameters too large to store keeps every later step, of the same size,
     * storable).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void insertStep(String taskId, int step, MlpParameters parameters, Instant now) {
        byte[] canonical = parameters.canonicalBytes();
        limit.check("the model's parameters", canonical.length);
        jdbc.update("INSERT INTO task_training_step (task_id, step, parameters_hash, parameters, applied_at)"
                + " VALUES (?, ?, ?, ?, ?)", taskId, step, parameters.hashHex(), canonical, UtcTimestamps.of(now));
    }

    Run run(String taskId) {
        return runs.get(taskId, () -> jdbc.queryForObject("SELECT widths, seed, batch_size, steps, lr_numerator,"
                + " lr_denominator, shards, dataset, training, held_out, check_key FROM task_training WHERE task_id = ?",
                (row, i) -> {
                    byte[] heldOut = row.getBytes(10);
                    TrainingPlan plan = new TrainingPlan(new MlpShape(Arrays.stream(row.getString(1).split(","))
                            .mapToInt(Integer::parseInt).toArray()), row.getLong(2), row.getInt(3), row.getInt(4),
                            new SgdUpdate(row.getInt(5), row.getInt(6)));
                    return new Run(plan, row.getString(8), TrainingWireFormat.decodeSamples(row.getBytes(9)),
                            heldOut == null ? null : TrainingWireFormat.decodeSamples(heldOut), row.getInt(7),
                            row.getBytes(11));
                }, taskId));
    }

    /** The parameters step {@code step} starts from, once the step before is applied. */
    Optional<MlpParameters> step(String taskId, int step) {
        return Optional.ofNullable(steps.get(taskId + ":" + step, () -> jdbc.query("SELECT parameters FROM"
                + " task_training_step WHERE task_id = ? AND step = ?", (row, i) -> MlpParameters.fromCanonicalBytes(
                row.getBytes(1)), taskId, step).stream().findFirst().orElse(null)));
    }

    /** How many steps were applied: the parameters of that step are the last the task has. */
    int appliedSteps(String taskId) {
        return jdbc.queryForObject("SELECT COALESCE(MAX(step), 0) FROM task_training_step WHERE task_id = ?",
                Integer.class, taskId);
    }

    /**
     * Whether every unit of the step is DONE. Steps' units are read by their primary-key range, unit s·shards to
     * (s+1)·shards − 1, so that a step's bookkeeping locks no unit of another step.
     */
    boolean stepDone(String taskId, int step, int shards) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM task_unit WHERE task_id = ? AND unit_index BETWEEN ? AND ?"
                + " AND status <> 'DONE'", Integer.class, taskId, step * shards, step * shards + shards - 1) == 0;
    }

    /** The answers (gradient sums) of the step's units, in unit order. */
    List<byte[]> stepResults(String taskId, int step, int shards) {
        return jdbc.query("SELECT result FROM task_unit_result WHERE task_id = ? AND unit_index BETWEEN ? AND ?"
                + " ORDER BY unit_index", (row, i) -> row.getBytes(1), taskId, step * shards, step * shards + shards - 1);
    }

    /** Lets the step's units be dispatched. */
    int release(String taskId, int step, int shards) {
        return jdbc.update("UPDATE task_unit SET status = 'PENDING' WHERE task_id = ? AND unit_index BETWEEN ? AND ?"
                + " AND status = 'WAITING'", taskId, step * shards, step * shards + shards - 1);
    }

    /** Holds every unit after step 0 until its step's turn; in the submitting transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    void holdLaterSteps(String taskId) {
        jdbc.update("UPDATE task_unit SET status = 'WAITING' WHERE task_id = ? AND product_index > 0", taskId);
    }
}
