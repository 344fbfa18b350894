package network.mmc.jobs.batch;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.batch.core.repository.ExecutionContextSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.stereotype.Component;

/**
 * The owner ({@link RunOwnerListener}) of executions listed many at a time by one query, read from their contexts
 * as stored, instead of loading each execution with its steps through the job repository.
 */
@Component
public class StoredOwners {

    /**
     * The stored context of the job execution {@code e.JOB_EXECUTION_ID} or step execution {@code s.STEP_EXECUTION_ID}
     * as one SQL column: Spring Batch keeps a long one whole in SERIALIZED_CONTEXT and cut in SHORT_CONTEXT.
     */
    public static final String JOB_CONTEXT = "(SELECT COALESCE(c.SERIALIZED_CONTEXT, c.SHORT_CONTEXT)"
            + " FROM BATCH_JOB_EXECUTION_CONTEXT c WHERE c.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID)";
    public static final String STEP_CONTEXT = "(SELECT COALESCE(c.SERIALIZED_CONTEXT, c.SHORT_CONTEXT)"
            + " FROM BATCH_STEP_EXECUTION_CONTEXT c WHERE c.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID)";

    private final ExecutionContextSerializer serializer;

    StoredOwners(ExecutionContextSerializer serializer) {
        this.serializer = serializer;
    }

    /** The instance recorded for the job or step execution {@code id} in its stored context; null if none is. */
    public String owner(long id, String storedContext) {
        if (storedContext == null) {
            return null;
        }
        try {
            return RunOwnerListener.owner(id, new ExecutionContext(
                    serializer.deserialize(new ByteArrayInputStream(storedContext.getBytes(StandardCharsets.UTF_8)))));
        } catch (IOException e) {
            throw new UncheckedIOException("the stored context of execution " + id + " cannot be read", e);
        }
    }
}
