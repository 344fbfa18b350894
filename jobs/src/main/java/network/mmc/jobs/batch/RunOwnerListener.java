package network.mmc.jobs.batch;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Records which process ({@link HubInstance}) runs an execution, and which runs each of its steps: a remote
 * settlement's partitions run on workers. Shown by {@code jobs list} and {@code jobs show}; and an execution left
 * STARTED by a killed process on this host can so be recognised as abandoned and recovered instead of blocking its
 * window forever. So is one this process stopped running without recording its end (the connection that would have
 * recorded it was gone). The owner is stored before the first step starts (and before a step's first chunk): Spring
 * Batch stores a context only after each step (chunk), so a process killed in its first step would otherwise leave an
 * execution no one can tell from a running one, and a partition no one can tell which worker took.
 */
public final class RunOwnerListener implements JobExecutionListener, StepExecutionListener {

    public static final String OWNER = "mmc.owner";
    // a restart starts with a copy of the context it restarts: the owner counts only for the execution it names
    static final String OWNED_EXECUTION = "mmc.owner.execution";

    private static final Set<Long> RUNNING_HERE = ConcurrentHashMap.newKeySet();
    private static final String RUNNING_HERE_CALLBACK = "mmc.runningHere";

    private final JobRepository jobRepository;

    public RunOwnerListener(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        long id = jobExecution.getId();
        RUNNING_HERE.add(id);
        // not afterJob: Spring Batch 6 records a job's end before calling it, so a job whose end could not be
        // recorded (its database gone) never gets there; the job's context is released in a finally either way
        JobSynchronizationManager.getContext().registerDestructionCallback(RUNNING_HERE_CALLBACK,
                () -> RUNNING_HERE.remove(id));
        own(jobExecution.getExecutionContext(), id);
        jobRepository.updateExecutionContext(jobExecution);
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        own(stepExecution.getExecutionContext(), stepExecution.getId());
        jobRepository.updateExecutionContext(stepExecution);
    }

    private static void own(ExecutionContext context, long execution) {
        context.putString(OWNER, HubInstance.id());
        context.putLong(OWNED_EXECUTION, execution);
    }

    /**
     * The instance that runs or ran the job or step execution {@code id}, from its context; null while none is
     * recorded (a step not taken by a worker yet, a restart whose context is still its predecessor's copy).
     */
    public static String owner(long id, ExecutionContext context) {
        // executions started before the owned execution was stored have none: their owner is their own
        if (context.getLong(OWNED_EXECUTION, id) != id) {
            return null;
        }
        return context.containsKey(OWNER) ? context.getString(OWNER) : null;
    }

    /**
     * True when the execution was started by a process of this host that no longer exists, or by this process and
     * is no longer running in it. An execution whose owner is not stored yet is taken to be running.
     */
    public static boolean isAbandoned(JobExecution execution) {
        String owner = owner(execution.getId(), execution.getExecutionContext());
        if (owner == null) {
            return false;
        }
        if (owner.equals(HubInstance.id())) {
            return !RUNNING_HERE.contains(execution.getId());
        }
        int colon = owner.lastIndexOf(':');
        if (colon < 0 || !owner.substring(0, colon).equals(HubInstance.host())) {
            return false;
        }
        long pid = Long.parseLong(owner.substring(colon + 1));
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || !process.get().isAlive();
    }
}
