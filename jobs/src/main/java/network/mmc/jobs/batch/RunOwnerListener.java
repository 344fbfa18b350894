package network.mmc.jobs.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Records which process runs an execution, so that one left STARTED by a killed process on this host can be
 * recognised as abandoned and recovered instead of blocking its window forever. So is one this process stopped
 * running without recording its end (the connection that would have recorded it was gone). The owner is stored
 * before the first step starts: Spring Batch stores a job's context only after each step, so a process killed in its
 * first step would otherwise leave an execution no one can tell from a running one.
 */
public final class RunOwnerListener implements JobExecutionListener {

    public static final String OWNER = "mmc.owner";
    // a restart starts with a copy of the context it restarts: the owner counts only for the execution it names
    static final String OWNED_EXECUTION = "mmc.owner.execution";

    private static final Set<Long> RUNNING_HERE = ConcurrentHashMap.newKeySet();

    private final JobRepository jobRepository;

    public RunOwnerListener(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        RUNNING_HERE.add(jobExecution.getId());
        jobExecution.getExecutionContext().putString(OWNER, thisProcess());
        jobExecution.getExecutionContext().putLong(OWNED_EXECUTION, jobExecution.getId());
        jobRepository.updateExecutionContext(jobExecution);
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        RUNNING_HERE.remove(jobExecution.getId());
    }

    public static String thisProcess() {
        return host() + ":" + ProcessHandle.current().pid();
    }

    /**
     * True when the execution was started by a process of this host that no longer exists, or by this process and
     * is no longer running in it. An execution whose owner is not stored yet is taken to be running.
     */
    public static boolean isAbandoned(JobExecution execution) {
        // executions started before the owned execution was stored have none: their owner is their own
        if (execution.getExecutionContext().getLong(OWNED_EXECUTION, execution.getId()) != execution.getId()) {
            return false;
        }
        String owner = execution.getExecutionContext().getString(OWNER, "");
        if (owner.equals(thisProcess())) {
            return !RUNNING_HERE.contains(execution.getId());
        }
        int colon = owner.lastIndexOf(':');
        if (colon < 0 || !owner.substring(0, colon).equals(host())) {
            return false;
        }
        long pid = Long.parseLong(owner.substring(colon + 1));
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return process.isEmpty() || !process.get().isAlive();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
