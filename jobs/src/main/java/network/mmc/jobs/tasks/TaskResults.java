package network.mmc.jobs.tasks;

import jakarta.servlet.http.HttpServletResponse;
import java.io.FilterOutputStream;
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
    private final TaskSettings settings;

    TaskResults(TaskStore store, TaskHandlers handlers, JsonMapper json, TaskSettings settings) {
        this.store = store;
        this.handlers = handlers;
        this.json = json;
        this.settings = settings;
    }

    @Transactional(readOnly = true)
    public void write(TaskRow task, HttpServletResponse response) throws IOException {
        ready(task);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (OutputStream out = response.getOutputStream()) {
            write(task, out);
        }
    }

    /** Writes a DONE task's result to {@code out}, which it leaves open; a task not DONE is a conflict. */
    @Transactional(readOnly = true)
    public void write(TaskRow task, OutputStream out) throws IOException {
        ready(task);
        try (JsonGenerator generator = json.createGenerator(new NotClosing(out))) {
            generator.writeStartObject();
            generator.writeStringProperty("id", task.id());
            generator.writeStringProperty("kind", task.kind().name());
            handlers.of(task.kind()).writeResult(task.id(), store.results(task.id()), generator);
            generator.writeEndObject();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void ready(TaskRow task) {
        if (!"DONE".equals(task.status())) {
            TaskRow.UnitCounts units = store.unitCounts(task.id());
            throw new ConflictException("task " + task.id() + " is " + task.status() + " (" + units.done() + " of "
                    + task.unitCount() + " units done): " + ("RUNNING".equals(task.status())
                    ? "a result is ready once the task is DONE" : "it has ended and only a DONE task has a result"));
        }
        store.purgedAt(task.id()).ifPresent(purged -> {
            throw new ConflictException("the result of task " + task.id() + " was deleted at " + purged + ", "
                    + settings.retention() + " (mmc.tasks.retention) after the task finished at " + task.finishedAt());
        });
    }

    /** The caller's stream stays open when the generator closes. */
    private static final class NotClosing extends FilterOutputStream {

        NotClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
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
