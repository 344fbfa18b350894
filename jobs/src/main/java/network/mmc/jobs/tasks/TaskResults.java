package network.mmc.jobs.tasks;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import network.mmc.jobs.errors.ConflictException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Writes a DONE task's products as JSON, unit by unit, without holding the whole result as objects. */
@Component
class TaskResults {

    private final TaskStore store;
    private final JsonMapper json;

    TaskResults(TaskStore store, JsonMapper json) {
        this.store = store;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public void write(TaskRow task, HttpServletResponse response) throws IOException {
        if (!"DONE".equals(task.status())) {
            TaskRow.UnitCounts units = store.unitCounts(task.id());
            throw new ConflictException("task " + task.id() + " is " + task.status() + " (" + units.done() + " of "
                    + task.unitCount() + " units done): a result is ready once the task is DONE");
        }
        List<int[]> sizes = store.productSizes(task.id());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try (OutputStream out = response.getOutputStream(); JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("id", task.id());
            generator.writeArrayPropertyStart("products");
            int[] open = {-1};
            store.eachResult(task.id(), (product, firstRow, lastRow, c) -> {
                int n = sizes.get(product)[2];
                if (product != open[0]) {
                    if (open[0] >= 0) {
                        generator.writeEndArray();
                        generator.writeEndObject();
                    }
                    open[0] = product;
                    generator.writeStartObject();
                    generator.writeNumberProperty("index", product);
                    generator.writeNumberProperty("m", sizes.get(product)[0]);
                    generator.writeNumberProperty("n", n);
                    generator.writeArrayPropertyStart("c");
                }
                for (int row = 0; row < lastRow - firstRow; row++) {
                    generator.writeStartArray();
                    for (int column = 0; column < n; column++) {
                        generator.writeNumber(c[row * n + column]);
                    }
                    generator.writeEndArray();
                }
            });
            if (open[0] >= 0) {
                generator.writeEndArray();
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
        }
    }
}
