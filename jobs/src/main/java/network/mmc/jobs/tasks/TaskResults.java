package network.mmc.jobs.tasks;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import network.mmc.jobs.errors.ConflictException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a DONE task's result as JSON, {@code {id, kind, ...}} with the kind's properties written by its
 * {@link TaskKindHandler}, unit by unit, without holding the whole result as objects.
 */
@Component
class TaskResults {

    private final TaskStore store;
    private final TaskHandlers handlers;
    private final JsonMapper json;

    TaskResults(TaskStore store, TaskHandlers handlers, JsonMapper json) {
        this.store = store;
        this.handlers = handlers;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public void write(TaskRow task, HttpServletResponse response) throws IOException {
        if (!"DONE".equals(task.status())) {
            TaskRow.UnitCounts units = store.unitCounts(task.id());
            throw new ConflictException("task " + task.id() + " is " + task.status() + " (" + units.done() + " of "
                    + task.unitCount() + " units done): a result is ready once the task is DONE");
        }
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (OutputStream out = response.getOutputStream(); JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("id", task.id());
            generator.writeStringProperty("kind", task.kind().name());
            handlers.of(task.kind()).writeResult(task.id(), store.results(task.id()), generator);
            generator.writeEndObject();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Writes {@code rows} rows of {@code columns} numbers from a row-major array, each row a JSON array. */
    static void writeRows(JsonGenerator json, float[] values, int rows, int columns) {
        for (int row = 0; row < rows; row++) {
            json.writeStartArray();
            for (int column = 0; column < columns; column++) {
                json.writeNumber(values[row * columns + column]);
            }
            json.writeEndArray();
        }
    }
}
