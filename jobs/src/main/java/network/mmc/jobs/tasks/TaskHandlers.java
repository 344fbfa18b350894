package network.mmc.jobs.tasks;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The {@link TaskKindHandler} of each kind; a kind without one is refused at submission. */
@Component
class TaskHandlers {

    private final Map<TaskKind, TaskKindHandler<?>> byKind = new EnumMap<>(TaskKind.class);

    TaskHandlers(List<TaskKindHandler<?>> handlers) {
        for (TaskKindHandler<?> handler : handlers) {
            if (byKind.put(handler.kind(), handler) != null) {
                throw new IllegalStateException("two handlers for task kind " + handler.kind());
            }
        }
    }

    TaskKindHandler<?> of(TaskKind kind) {
        TaskKindHandler<?> handler = byKind.get(kind);
        if (handler == null) {
            throw new IllegalArgumentException("kind " + kind + " is not run by this Hub; one of " + byKind.keySet());
        }
        return handler;
    }
}
