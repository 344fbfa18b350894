package network.mmc.jobs.scheduling;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import network.mmc.jobs.batch.RunOwnerListener;
import network.mmc.jobs.batch.StoredOwners;
import network.mmc.jobs.database.NamedLocks;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.DuplicateJobException;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Recent job executions from the Spring Batch tables; stop and restart. A stop asks the execution to end at its next
 * step or chunk boundary; a restart resumes a FAILED or STOPPED execution where it ended, on a thread of its own, so
 * that the caller gets the new execution at once.
 */
@Service
public class JobExecutions {

    private static final String LINES = "SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.START_TIME, e.END_TIME,"
            + " e.EXIT_MESSAGE,"
            + " (SELECT GROUP_CONCAT(CONCAT(p.PARAMETER_NAME, '=', p.PARAMETER_VALUE) ORDER BY p.PARAMETER_NAME SEPARATOR ' ')"
            + "    FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.IDENTIFYING = 'Y'),"
            // a partitioned step's own counts are the sums of its partitions' (STEP_NAME step:partitionN): counted once
            + " (SELECT COALESCE(SUM(s.READ_COUNT), 0) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
            + "    AND s.STEP_NAME NOT LIKE '%:%'),"
            + " (SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID"
            + "    AND s.STEP_NAME NOT LIKE '%:%'), "
            + StoredOwners.JOB_CONTEXT
            + " FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID";

    private final JdbcTemplate jdbc;
    private final StoredOwners owners;
    private final NamedLocks locks;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final MapJobRegistry registry = new MapJobRegistry();
    private final TaskExecutorJobOperator background;
    private final SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("job-restart-");
    // the run handed to the background executor by the restart in progress on this thread
    private final ThreadLocal<CompletableFuture<Void>> launched = new ThreadLocal<>();

    JobExecutions(JdbcTemplate jdbc, StoredOwners owners, NamedLocks locks, JobOperator jobOperator,
            JobRepository jobRepository, List<Job> jobs) throws Exception {
        this.jdbc = jdbc;
        this.owners = owners;
        this.locks = locks;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        for (Job job : jobs) {
            try {
                registry.register(job);
            } catch (DuplicateJobException e) {
                throw new IllegalStateException("two jobs are named " + job.getName(), e);
            }
        }
        // the application's JobOperator runs jobs on the caller's thread, which the services rely on
        this.background = new TaskExecutorJobOperator();
        background.setJobRepository(jobRepository);
        background.setJobRegistry(registry);
        background.setTaskExecutor(run -> launched.set(CompletableFuture.runAsync(run, threads)));
        background.afterPropertiesSet();
    }

    public List<JobExecutionLine> recent(int limit) {
        return recent(limit, 0);
    }

    /** {@code limit} executions, newest first, after skipping the {@code offset} newest. */
    public List<JobExecutionLine> recent(int limit, long offset) {
        return jdbc.query(LINES + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ? OFFSET ?", this::toLine, limit,
                offset);
    }

    /** The FAILED ones among the {@code scanned} newest executions, newest first, at most {@code limit}. */
    public List<JobExecutionLine> failedAmongRecent(int scanned, int limit) {
        return jdbc.query(LINES + " WHERE e.STATUS = 'FAILED' AND e.JOB_EXECUTION_ID >= (SELECT COALESCE(MIN(id), 0)"
                        + " FROM (SELECT JOB_EXECUTION_ID AS id FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC"
                        + " LIMIT ?) newest) ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?", this::toLine, scanned,
                limit);
    }

    public long count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);
    }

    public JobExecutionLine line(long id) {
        return jdbc.query(LINES + " WHERE e.JOB_EXECUTION_ID = ?", this::toLine, id).stream().findFirst()
                .orElseThrow(() -> unknown(id));
    }

    /** The execution's steps in the order they were created, a partitioned step's partitions included. */
    public List<StepExecutionLine> steps(long id) {
        line(id);
        return jdbc.query("SELECT s.STEP_NAME, s.STATUS, s.START_TIME, s.END_TIME, s.READ_COUNT, s.WRITE_COUNT,"
                + " s.COMMIT_COUNT, s.ROLLBACK_COUNT, s.READ_SKIP_COUNT + s.PROCESS_SKIP_COUNT + s.WRITE_SKIP_COUNT,"
                + " s.EXIT_MESSAGE, s.STEP_EXECUTION_ID, " + StoredOwners.STEP_CONTEXT
                + " FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = ? ORDER BY s.STEP_EXECUTION_ID", (row, n) -> {
                    Instant start = instant(row.getTimestamp(3));
                    Instant end = instant(row.getTimestamp(4));
                    return new StepExecutionLine(row.getString(1), row.getString(2),
                            owners.owner(row.getLong(11), row.getString(12)), start,
                            start == null || end == null ? null : Duration.between(start, end), row.getLong(5),
                            row.getLong(6), row.getLong(7), row.getLong(8), row.getLong(9), row.getString(10));
                }, id);
    }

    private JobExecutionLine toLine(ResultSet row, int n) throws SQLException {
        Instant start = instant(row.getTimestamp(4));
        Instant end = instant(row.getTimestamp(5));
        return new JobExecutionLine(row.getLong(1), row.getString(2), row.getString(7), row.getString(3),
                owners.owner(row.getLong(1), row.getString(10)), start,
                start == null || end == null ? null : Duration.between(start, end), row.getLong(8), row.getLong(9),
                row.getString(6));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : UtcTimestamps.toInstant(timestamp);
    }

    /**
     * Marks a running execution STOPPING; the process running it sees that at its next step or chunk boundary and
     * ends it STOPPED. An execution whose process (on this host) is gone is marked FAILED at once instead.
     */
    public StopOutcome stop(long id) {
        JobExecution execution = execution(id);
        if (execution.getStatus() == BatchStatus.STOPPING) {
            return StopOutcome.STOPPING;
        }
        if (!execution.isRunning()) {
            throw new ConflictException("execution " + id + " is not running: it ended " + execution.getStatus());
        }
        if (RunOwnerListener.isAbandoned(execution)) {
            jobOperator.recover(execution);
            return StopOutcome.RECOVERED;
        }
        // one conditional update: Spring Batch's stop writes the step executions the running thread writes too,
        // whose next write then fails on their version, and can turn an execution that just completed into STOPPED
        int marked = jdbc.update("UPDATE BATCH_JOB_EXECUTION SET STATUS = 'STOPPING', VERSION = VERSION + 1,"
                + " LAST_UPDATED = ? WHERE JOB_EXECUTION_ID = ? AND STATUS IN ('STARTING', 'STARTED')",
                Timestamp.valueOf(LocalDateTime.now()), id);
        if (marked == 0) {
            throw new ConflictException("execution " + id + " is not running: it ended " + execution(id).getStatus());
        }
        return StopOutcome.STOPPING;
    }

    /** What a stop did: asked the execution to stop, or found its process gone and marked it FAILED. */
    public enum StopOutcome {
        STOPPING("STOPPING", "ends STOPPED at its next step or chunk boundary; restart it then to resume where it stopped"),
        RECOVERED("FAILED", "was left running by a process of this host that no longer exists: marked FAILED;"
                + " restart it to resume where it ended");

        private final String status;
        private final String detail;

        StopOutcome(String status, String detail) {
            this.status = status;
            this.detail = detail;
        }

        public String status() {
            return status;
        }

        public String detail() {
            return detail;
        }
    }

    /**
     * Restarts the latest execution of a job instance if it FAILED or STOPPED, on a thread of its own; returns the new
     * execution, just created, and its run. Anything else is refused with the reason, and nothing is started.
     */
    public Restart restart(long id) {
        // one restart of an instance at a time, across processes: Spring Batch looks for a running execution and
        // creates the new one in separate transactions, so two restarts at once could both start it
        return locks.whileHolding("mmc-restart:" + execution(id).getJobInstance().getId(),
                () -> "execution " + id + " is being restarted by another request right now", () -> restartHoldingLock(id));
    }

    private Restart restartHoldingLock(long id) {
        JobExecution execution = execution(id);
        checkRestartable(execution);
        try {
            JobExecution restarted = background.restart(execution);
            return new Restart(restarted, launched.get());
        } catch (JobRestartException e) {
            // another process started this instance since the checks above
            throw new ConflictException("execution " + id + " cannot be restarted: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()));
        } finally {
            launched.remove();
        }
    }

    /** A restarted execution and its run, which completes when the execution has ended and been recorded. */
    public record Restart(JobExecution execution, CompletableFuture<Void> run) {
    }

    private void checkRestartable(JobExecution execution) {
        long id = execution.getId();
        if (registry.getJob(execution.getJobInstance().getJobName()) == null) {
            throw new ConflictException("execution " + id + " is of job " + execution.getJobInstance().getJobName()
                    + ", which this Hub does not have");
        }
        JobExecution latest = jobRepository.getLastJobExecution(execution.getJobInstance());
        if (latest != null && latest.getId() != id) {
            throw new ConflictException("execution " + id + " is not the latest of its job instance: execution "
                    + latest.getId() + " (" + latest.getStatus() + ") is; restart that one if it FAILED or STOPPED");
        }
        switch (execution.getStatus()) {
            case FAILED, STOPPED -> {
            }
            case COMPLETED -> throw new ConflictException("execution " + id + " COMPLETED: there is nothing to"
                    + " resume; only a FAILED or STOPPED execution can be restarted"
                    + (execution.getJobInstance().getJobName().equals("settlementJob")
                    ? " (a settled window gets a new revision with a re-run, which takes a reason and an operator)" : ""));
            case STARTING, STARTED, STOPPING -> {
                if (!RunOwnerListener.isAbandoned(execution)) {
                    throw new ConflictException("execution " + id + " is " + execution.getStatus() + ": it is still"
                            + " running; stop it first and restart it once it is STOPPED");
                }
                // its process is gone: mark it FAILED, then it restarts like any failed execution
                jobOperator.recover(execution);
            }
            case ABANDONED -> throw new ConflictException("execution " + id + " was ABANDONED, which Spring Batch"
                    + " never restarts");
            case UNKNOWN -> throw new ConflictException("execution " + id + " ended UNKNOWN: a step's outcome could"
                    + " not be recorded, so a restart could repeat work that was done; check what it wrote first");
        }
    }

    private JobExecution execution(long id) {
        JobExecution execution;
        try {
            execution = jobRepository.getJobExecution(id);
        } catch (EmptyResultDataAccessException e) {
            execution = null;
        }
        if (execution == null) {
            throw unknown(id);
        }
        return execution;
    }

    private static NotFoundException unknown(long id) {
        return new NotFoundException("no job execution " + id);
    }
}
