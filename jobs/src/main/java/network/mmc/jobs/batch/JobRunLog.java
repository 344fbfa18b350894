package network.mmc.jobs.batch;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * One INFO line when a job starts and one when it ends (job, execution id, identifying parameters, outcome,
 * duration), so that {@code serve}'s log shows every run, scheduled ones included. A run that did not complete
 * gets a one-line exit message a person can act on instead of Spring Batch's stack trace; the trace goes to the
 * end line of the log. INFO, because a command reports its own failure: only {@code serve} and {@code --verbose}
 * print these lines.
 */
public final class JobRunLog implements JobExecutionListener {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunLog.class);
    // BATCH_JOB_EXECUTION.EXIT_MESSAGE holds 2 500 characters
    private static final int EXIT_MESSAGE_LENGTH = 2_500;

    @Override
    public void beforeJob(JobExecution execution) {
        LOG.info("job {} execution {} ({}) started", execution.getJobInstance().getJobName(), execution.getId(),
                identifying(execution));
    }

    @Override
    public void afterJob(JobExecution execution) {
        String job = execution.getJobInstance().getJobName();
        String duration = duration(execution.getStartTime(), execution.getEndTime());
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            LOG.info("job {} execution {} ({}) COMPLETED in {}", job, execution.getId(), identifying(execution), duration);
            return;
        }
        String reason = reason(execution);
        execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(), reason));
        List<Throwable> failures = execution.getAllFailureExceptions();
        String line = "job " + job + " execution " + execution.getId() + " (" + identifying(execution) + ") "
                + execution.getStatus() + " in " + duration + ": " + reason;
        if (execution.getStatus() == BatchStatus.STOPPED || failures.isEmpty()) {
            LOG.info(line);
        } else {
            LOG.info(line, failures.get(0));
        }
    }

    /** Why an execution did not complete, in one line. */
    public static String reason(JobExecution execution) {
        if (execution.getStatus() == BatchStatus.STOPPED) {
            return "stopped on request at a step or chunk boundary; restart it to resume where it stopped";
        }
        String failures = execution.getAllFailureExceptions().stream().map(JobRunLog::oneLine).distinct()
                .collect(Collectors.joining("; "));
        String reason = failures.isEmpty() ? "ended " + execution.getStatus() : failures;
        return reason.length() <= EXIT_MESSAGE_LENGTH ? reason : reason.substring(0, EXIT_MESSAGE_LENGTH - 1) + "…";
    }

    /**
     * The first message of the cause chain that is not a framework's wrapper (Spring's data-access and batch
     * exceptions repeat their cause with SQL and class names around it), on one line.
     */
    public static String oneLine(Throwable failure) {
        String message = null;
        for (Throwable cause = failure; cause != null && message == null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getClass().getName().startsWith("org.springframework.")) {
                message = cause.getMessage();
            }
        }
        if (message == null) {
            message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        }
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String identifying(JobExecution execution) {
        return execution.getJobParameters().getIdentifyingParameters().stream()
                .map(parameter -> parameter.name() + "=" + parameter.value()).sorted().collect(Collectors.joining(" "));
    }

    private static String duration(LocalDateTime start, LocalDateTime end) {
        if (start == null) {
            return "0 s";
        }
        Duration elapsed = Duration.between(start, end == null ? LocalDateTime.now() : end);
        return String.format(Locale.ROOT, "%.3f s", elapsed.toMillis() / 1000.0);
    }
}
