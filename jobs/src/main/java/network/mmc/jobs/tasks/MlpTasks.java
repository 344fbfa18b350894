package network.mmc.jobs.tasks;

import java.io.IOException;
import java.util.Locale;
import network.mmc.gpu.MatmulWireFormat;
import network.mmc.gpu.MlpModel;
import network.mmc.gpu.MlpTolerance;
import network.mmc.gpu.MlpWireFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonGenerator;

/**
 * MLP inference tasks ({@link MlpPlan}): a unit is a band of input rows, sent with the model as {@link MlpWireFormat}
 * to the node's {@code /v1/tasks/mlp}. An answer the dispatcher asks to spot-check is re-executed on the Hub's CPU and
 * must lie within {@link MlpTolerance} of it, output by output; any other answer of the right length is accepted
 * unchecked. The model and inputs are stored in {@code task_mlp}.
 */
@Component
class MlpTasks implements TaskKindHandler<MlpPlan> {

    private static final String OCTETS = "application/octet-stream";
    private static final int CACHED_TASKS = 16;
    private static final long CACHED_BYTES = 128L << 20;

    private final JdbcTemplate jdbc;
    private final TaskSettings settings;
    private final StoredValueLimit limit;
    private final DecodedCache<Stored> tasks = new DecodedCache<>(CACHED_TASKS, CACHED_BYTES,
            stored -> (long) Float.BYTES * (stored.model().parameters() + stored.inputs().length));

    /** A task's model and inputs as stored. */
    private record Stored(MlpModel model, float[] inputs) {

        float[] rows(int first, int last) {
            float[] band = new float[(last - first) * model.inputs()];
            System.arraycopy(inputs, first * model.inputs(), band, 0, band.length);
            return band;
        }
    }

    MlpTasks(JdbcTemplate jdbc, TaskSettings settings, StoredValueLimit limit) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.limit = limit;
    }

    @Override
    public TaskKind kind() {
        return TaskKind.MLP_INFERENCE;
    }

    @Override
    public String taskType() {
        return "mlp-inference";
    }

    @Override
    public MlpPlan plan(TaskRequest request) {
        return MlpPlan.of(request.model(), request.inputs(), settings.mlp());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void insertInputs(String taskId, MlpPlan plan) {
        byte[] model = MlpWireFormat.encodeModel(plan.model());
        limit.check("the model and the inputs", model.length + (long) plan.inputs().length * Float.BYTES);
        jdbc.update("INSERT INTO task_mlp (task_id, input_rows, model, inputs) VALUES (?, ?, ?, ?)", taskId, plan.rows(),
                model, TaskStore.bytes(plan.inputs()));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void deleteInputs(String taskId) {
        jdbc.update("DELETE FROM task_mlp WHERE task_id = ?", taskId);
        tasks.removeIf(taskId::equals);
    }

    @Override
    public UnitCall call(QueuedUnit unit, boolean kept) {
        Stored task = stored(unit.taskId());
        int rows = unit.last() - unit.first();
        return new UnitCall(MlpWireFormat.MLP_PATH, OCTETS, MlpWireFormat.encodeUnit(task.model(),
                task.rows(unit.first(), unit.last()), rows), rows * task.model().outputs() * Float.BYTES);
    }

    @Override
    public UnitVerdict judge(QueuedUnit unit, UnitCall call, byte[] answer, boolean spotCheck) {
        Stored task = stored(unit.taskId());
        int rows = unit.last() - unit.first();
        int columns = task.model().outputs();
        float[] outputs = MatmulWireFormat.decode(answer, rows, columns);
        if (outputs == null) {
            return UnitVerdict.wrong("answer has " + answer.length + " bytes, expected " + call.answerBytes());
        }
        if (!spotCheck) {
            return UnitVerdict.unchecked(answer);
        }
        MlpTolerance reexecuted = MlpTolerance.of(task.model(), task.rows(unit.first(), unit.last()), rows);
        int mismatch = reexecuted.firstMismatch(outputs);
        if (mismatch < 0) {
            return UnitVerdict.verified(answer);
        }
        return UnitVerdict.wrong(String.format(Locale.ROOT, "output [%d][%d] is %s; the Hub's re-execution gives %s,"
                        + " and FP32 rounding allows %.3g either side", unit.first() + mismatch / columns,
                mismatch % columns, outputs[mismatch], reexecuted.reference()[mismatch], reexecuted.bound(mismatch)));
    }

    @Override
    public void writeResult(String taskId, boolean complete, UnitResults results, JsonGenerator json)
            throws IOException {
        MlpModel model = stored(taskId).model();
        int columns = model.outputs();
        json.writeNumberProperty("rows", jdbc.queryForObject("SELECT input_rows FROM task_mlp WHERE task_id = ?",
                Integer.class, taskId));
        json.writeNumberProperty("columns", columns);
        json.writeArrayPropertyStart("outputs");
        results.each((unitIndex, part, first, last, bytes) -> TaskResults.writeRows(json, bytes, last - first,
                columns));
        json.writeEndArray();
    }

    private Stored stored(String taskId) {
        return tasks.get(taskId, () -> jdbc.queryForObject("SELECT model, inputs FROM task_mlp WHERE task_id = ?",
                (row, i) -> new Stored(MlpWireFormat.decodeModel(row.getBytes(1)), TaskStore.floats(row.getBytes(2))),
                taskId));
    }
}
