package network.mmc.jobs.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.NotFoundException;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Recent job executions from the Spring Batch tables, and stop / restart through the JobOperator. */
@Service
public class JobExecutions {

    private final JdbcTemplate jdbc;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    JobExecutions(JdbcTemplate jdbc, JobOperator jobOperator, JobRepository jobRepository) {
        this.jdbc = jdbc;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    public List<JobExecutionLine> recent(int limit) {
        return jdbc.query("SELECT e.JOB_EXECUTION_ID, i.JOB_NAME, e.STATUS, e.START_TIME, e.END_TIME, e.EXIT_MESSAGE,"
                + " (SELECT GROUP_CONCAT(CONCAT(p.PARAMETER_NAME, '=', p.PARAMETER_VALUE) ORDER BY p.PARAMETER_NAME SEPARATOR ' ')"
                + "    FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.IDENTIFYING = 'Y'),"
                + " (SELECT COALESCE(SUM(s.READ_COUNT), 0) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID),"
                + " (SELECT COALESCE(SUM(s.WRITE_COUNT), 0) FROM BATCH_STEP_EXECUTION s WHERE s.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID)"
                + " FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID"
                + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT ?", (row, n) -> {
                    Instant start = row.getTimestamp(4) == null ? null : UtcTimestamps.toInstant(row.getTimestamp(4));
                    Instant end = row.getTimestamp(5) == null ? null : UtcTimestamps.toInstant(row.getTimestamp(5));
                    return new JobExecutionLine(row.getLong(1), row.getString(2), row.getString(7), row.getString(3), start,
                            start == null || end == null ? null : Duration.between(start, end), row.getLong(8),
                            row.getLong(9), row.getString(6));
                }, limit);
    }

    /** Asks a running execution to stop at its next step or chunk boundary. */
    public void stop(long id) {
        try {
            jobOperator.stop(execution(id));
        } catch (org.springframework.batch.core.launch.JobExecutionNotRunningException e) {
            throw new IllegalArgumentException("execution " + id + " is not running");
        }
    }

    /** Restarts a FAILED or STOPPED execution where it stopped; returns the new execution's id. */
    public long restart(long id) {
        try {
            return jobOperator.restart(execution(id)).getId();
        } catch (org.springframework.batch.core.launch.JobRestartException e) {
            throw new IllegalArgumentException("execution " + id + " cannot be restarted: " + e.getMessage());
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
            throw new NotFoundException("no job execution " + id);
        }
        return execution;
    }
}
