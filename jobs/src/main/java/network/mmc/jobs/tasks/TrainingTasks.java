package network.mmc.jobs.tasks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import network.mmc.gpu.training.Classifier;
import network.mmc.gpu.training.CpuShardGradients;
import network.mmc.gpu.training.GradientRequest;
import network.mmc.gpu.training.GradientSums;
import network.mmc.gpu.training.MlpParameters;
import network.mmc.gpu.training.Samples;
import network.mmc.gpu.training.TrainingWireFormat;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonGenerator;

/**
 * TRAINING tasks: exact synchronous data-parallel SGD of an MLP in Q16.16 ({@code network.mmc.gpu.training}). Each
 * step's batch is cut into shards, one unit each, sent with the step's parameters to a node's
 * {@code /v1/tasks/train-gradient}; the node answers the shard's 64-bit gradient sums. One shard of every step, drawn
 * with a secret the nodes never see, and every answer the node's track record asks to check, is re-computed on the
 * Hub's CPU and must be equal bit for bit; other answers are accepted as they are. When a step's last unit is DONE
 * its sums are added (in any order: integer addition), the update is applied and the next step's parameters and hash
 * are stored, in that unit's transaction, and the next step's units are released: the result is bit-identical to
 * training on one machine with the same plan, however many nodes ran it and in whatever order they answered.
 */
@Component
class TrainingTasks implements TaskKindHandler<TrainingTaskPlan> {

    private static final String OCTETS = "application/octet-stream";

    private final TrainingRuns runs;
    private final TaskSettings settings;
    private final Clock clock;
    private final CpuShardGradients hub = new CpuShardGradients();
    private final SecureRandom random = new SecureRandom();

    TrainingTasks(TrainingRuns runs, TaskSettings settings, Clock clock) {
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.TRAINING;
    }

    @Override
    public String taskType() {
        return "training";
    }

    @Override
    public TrainingTaskPlan plan(TaskRequest request) {
        return TrainingTaskPlan.of(request.training(), settings.training());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void insertInputs(String taskId, TrainingTaskPlan plan) {
        byte[] checkKey = new byte[32];
        random.nextBytes(checkKey);
        runs.insert(taskId, plan, checkKey, clock.instant());
        runs.holdLaterSteps(taskId);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void deleteInputs(String taskId) {
        runs.delete(taskId);
    }

    @Override
    public boolean keepsOperands() {
        return true;
    }

    @Override
    public UnitCall call(QueuedUnit unit, boolean kept) {
        TrainingRuns.Run run = runs.run(unit.taskId());
        MlpParameters parameters = parameters(unit.taskId(), unit.part());
        Samples shard = shard(run, unit);
        return new UnitCall(TrainingWireFormat.GRADIENT_PATH, OCTETS, TrainingWireFormat.encode(kept
                ? GradientRequest.byHash(parameters, shard) : GradientRequest.withParameters(parameters, shard)),
                TrainingWireFormat.answerBytes(parameters.shape().parameterCount()));
    }

    @Override
    public UnitVerdict judge(QueuedUnit unit, UnitCall call, byte[] answer, boolean spotCheck) {
        TrainingRuns.Run run = runs.run(unit.taskId());
        MlpParameters parameters = parameters(unit.taskId(), unit.part());
        Samples shard = shard(run, unit);
        GradientSums sums;
        try {
            sums = TrainingWireFormat.decodeSums(answer, parameters.shape().parameterCount());
        } catch (IllegalArgumentException e) {
            return UnitVerdict.wrong(e.getMessage());
        }
        if (sums.samples() != shard.count()) {
            return UnitVerdict.wrong("the sums are over " + sums.samples() + " samples, the shard has " + shard.count());
        }
        int shardIndex = unit.unitIndex() - unit.part() * run.shards();
        if (!spotCheck && shardIndex != drawnShard(run, unit.part())) {
            return UnitVerdict.unchecked(answer);
        }
        GradientSums expected;
        try {
            expected = hub.gradients(parameters, shard);
        } catch (ArithmeticException e) {
            return UnitVerdict.wrong("the shard overflows Q16.16 (" + e.getMessage() + "), the node answered sums");
        }
        if (!expected.equals(sums)) {
            int first = 0;
            while (expected.sum(first) == sums.sum(first)) {
                first++;
            }
            return UnitVerdict.wrong("gradient sums differ from the Hub's re-computation, first at parameter " + first);
        }
        return UnitVerdict.verified(answer);
    }

    /** A node answers 422 when the shard's sums overflow Q16.16: the Hub's run of the shard must overflow too. */
    @Override
    public UnitVerdict judgeRefusal(QueuedUnit unit, String reason) {
        TrainingRuns.Run run = runs.run(unit.taskId());
        try {
            hub.gradients(parameters(unit.taskId(), unit.part()), shard(run, unit));
        } catch (ArithmeticException e) {
            return UnitVerdict.unfit("step " + unit.part() + " cannot be trained: its shard of rows [" + unit.first()
                    + ", " + unit.last() + ") overflows Q16.16 fixed point (" + e.getMessage() + "); scale the samples"
                    + " down or lower the learning rate");
        }
        return UnitVerdict.wrong("the node refused the shard (" + reason + "), which the Hub's re-computation runs"
                + " without overflow");
    }

    /** When the step's last unit is DONE: adds its sums, applies the update, stores and releases the next step. */
    @Override
    public String unitsDone(String taskId, int step) {
        TrainingRuns.Run run = runs.run(taskId);
        if (!runs.stepDone(taskId, step, run.shards())) {
            return null;
        }
        MlpParameters parameters = parameters(taskId, step);
        int count = parameters.shape().parameterCount();
        GradientSums total = GradientSums.zero(parameters.shape());
        try {
            for (byte[] answer : runs.stepResults(taskId, step, run.shards())) {
                total = total.plus(TrainingWireFormat.decodeSums(answer, count));
            }
            MlpParameters next = run.plan().update().apply(parameters, total);
            runs.insertStep(taskId, step + 1, next, clock.instant());
        } catch (ArithmeticException e) {
            return "step " + step + " cannot be applied: " + e.getMessage();
        }
        runs.release(taskId, step + 1, run.shards());
        return null;
    }

    @Override
    public void writeResult(String taskId, boolean complete, UnitResults results, JsonGenerator json)
            throws IOException {
        TrainingRuns.Run run = runs.run(taskId);
        // an ended task's: the parameters after its last step whose every shard was done
        int steps = complete ? run.plan().steps() : runs.appliedSteps(taskId);
        MlpParameters trained = runs.step(taskId, steps).orElseThrow();
        json.writeObjectPropertyStart("training");
        json.writeStringProperty("dataset", run.dataset());
        json.writeName("widths");
        json.writeArray(trained.shape().widths(), 0, trained.shape().widths().length);
        json.writeNumberProperty("steps", steps);
        json.writeNumberProperty("plannedSteps", run.plan().steps());
        json.writeStringProperty("parametersHash", trained.hashHex());
        accuracy(json, "trainingAccuracy", trained, run.training());
        if (run.heldOut() != null) {
            accuracy(json, "heldOutAccuracy", trained, run.heldOut());
        }
        json.writeName("parameters");
        int[] values = trained.values();
        json.writeArray(values, 0, values.length);
        json.writeEndObject();
    }

    private static void accuracy(JsonGenerator json, String name, MlpParameters trained, Samples samples) {
        int correct = new Classifier(trained).correct(samples);
        json.writeObjectPropertyStart(name);
        json.writeNumberProperty("correct", correct);
        json.writeNumberProperty("of", samples.count());
        json.writeNumberProperty("fraction", (double) correct / samples.count());
        json.writeEndObject();
    }

    private MlpParameters parameters(String taskId, int step) {
        return runs.step(taskId, step).orElseThrow(() -> new IllegalStateException("task " + taskId + " has a unit"
                + " of step " + step + " before that step was applied"));
    }

    private static Samples shard(TrainingRuns.Run run, QueuedUnit unit) {
        return run.training().select(run.schedule().batch(unit.part())).range(unit.first(), unit.last());
    }

    /** The shard of {@code step} the Hub always re-computes: HMAC-SHA256(check key, step) mod shards. */
    static int drawnShard(TrainingRuns.Run run, int step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(run.checkKey(), "HmacSHA256"));
            byte[] tag = mac.doFinal(ByteBuffer.allocate(Integer.BYTES).putInt(step).array());
            return (int) (Integer.toUnsignedLong(ByteBuffer.wrap(tag).getInt()) % run.split().count());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
