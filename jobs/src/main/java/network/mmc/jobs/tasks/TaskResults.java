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
 * Writes a task's result as JSON, {@code {id, kind, status, complete, ...}} with the kind's properties written by its
 * {@link TaskKindHandler}, unit by unit, without holding the whole result as objects. A DONE task's is complete; a
 * task that ended otherwise (cancelled, expired, failed) after some of its units were done, and charged, has the
 * part they computed ({@code complete: false}): its user paid for them.
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

    /**
     * Writes the task's result to {@code out}, which it leaves open; a task still running, or ended with no unit done,
     * is a conflict.
     */
    @Transactional(readOnly = true)
    public void write(TaskRow task, OutputStream out) throws IOException {
        boolean complete = ready(task);
        try (JsonGenerator generator = json.createGenerator(new NotClosing(out))) {
            generator.writeStartObject();
            generator.writeStringProperty("id", task.id());
            generator.writeStringProperty("kind", task.kind().name());
            generator.writeStringProperty("status", task.status());
            generator.writeBooleanProperty("complete", complete);
            handlers.of(task.kind()).writeResult(task.id(), complete, store.results(task.id()), generator);
            generator.writeEndObject();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Whether the task's result is complete; a conflict when it has none (yet, or any more). */
    private boolean ready(TaskRow task) {
        boolean done = "DONE".equals(task.status());
        if (!done) {
            TaskRow.UnitCounts units = store.unitCounts(task.id());
            if ("RUNNING".equals(task.status()) || units.done() == 0) {
                throw new ConflictException("task " + task.id() + " is " + task.status() + " (" + units.done() + " of "
                        + task.unitCount() + " units done): " + ("RUNNING".equals(task.status())
                        ? "a result is ready once the task is DONE" : "it ended with no unit done, so it has no result"));
            }
        }
        store.purgedAt(task.id()).ifPresent(purged -> {
            throw new ConflictException("the result of task " + task.id() + " was deleted at " + purged + ", "
                    + settings.retention() + " (mmc.tasks.retention) after the task finished at " + task.finishedAt());
        });
        return done;
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

    /**
     * Writes {@code rows} rows of {@code columns} numbers from a row-major array, each row a JSON array; with no values
     * (a unit not done), each row a null.
     */
    static void writeRows(JsonGenerator json, byte[] values, int rows, int columns) {
        if (values == null) {
            for (int row = 0; row < rows; row++) {
                json.writeNull();
            }
            return;
        }
        writeRows(json, TaskStore.floats(values), rows, columns);
    }

    private static void writeRows(JsonGenerator json, float[] values, int rows, int columns) {
        for (int row = 0; row < rows; row++) {
            json.writeStartArray();
            for (int column = 0; column < columns; column++) {
                json.writeNumber(values[row * columns + column]);
            }
            json.writeEndArray();
        }
    }
}
