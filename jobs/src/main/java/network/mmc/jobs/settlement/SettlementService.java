package network.mmc.jobs.settlement;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import network.mmc.jobs.batch.RunningExecutions;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.TextFields;
import network.mmc.ledger.RevisionRefusedException;
import network.mmc.ledger.RevisionRules;
import network.mmc.settlement.EmissionSchedule;
import network.mmc.settlement.SettlementParameters;
import network.mmc.settlement.SettlementWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Runs {@code settlementJob} for a window: the scheduled revision 1, every due window in order, or a manual
 * re-run (revision r+1, with reason and operator). Refuses, writing nothing, windows that are not due yet and
 * windows that are being settled right now, here or by another Hub process ({@link WindowLocks}).
 */
@Service
public class SettlementService {

    /** The longest re-run reason and operator name, in characters (their columns' sizes). */
    public static final int MAX_REASON = 500;
    public static final int MAX_OPERATOR = 128;

    private static final Logger log = LoggerFactory.getLogger(SettlementService.class);

    private final JobOperator jobOperator;
    private final Job settlementJob;
    private final JobRepository jobRepository;
    private final RunningExecutions runningExecutions;
    private final WindowLocks locks;
    private final SettlementRuns runs;
    private final JdbcTemplate jdbc;
    private final SettlementSettings settings;
    private final Clock clock;
    private final BackfillLock backfillLock;
    private final ArchivedWindows archived;

    SettlementService(JobOperator jobOperator, Job settlementJob, JobRepository jobRepository,
                      RunningExecutions runningExecutions, WindowLocks locks, SettlementRuns runs, JdbcTemplate jdbc,
                      SettlementSettings settings, Clock clock, BackfillLock backfillLock,
                      ArchivedWindows archived) {
        this.jobOperator = jobOperator;
        this.settlementJob = settlementJob;
        this.jobRepository = jobRepository;
        this.runningExecutions = runningExecutions;
        this.locks = locks;
        this.runs = runs;
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.backfillLock = backfillLock;
        this.archived = archived;
    }

    public SettlementWindow window(String text) {
        return SettlementWindow.parse(text, settings.period());
    }

    public SettlementWindow window(Instant start) {
        return SettlementWindow.startingAt(start, settings.period());
    }

    /** Revision 1 of a window (the scheduled run); resumes it if an earlier attempt failed or was killed. */
    public SettlementRun settle(SettlementWindow window) {
        checkDue(window);
        return run(new SettlementRequest(window, revision(() -> RevisionRules.scheduled(window.start(),
                runs.latestCompletedRevision(window.start()))), null, null));
    }

    /**
     * Every due window without a completed run, oldest first, from the first recorded call on. A window that
     * cannot be settled is logged with its cause and reported, and the windows after it are still settled.
     */
    public DueSettlements settleDue() {
        List<Instant> first = jdbc.queryForList(
                "SELECT recorded_at FROM call_record ORDER BY recorded_at LIMIT 1", java.sql.Timestamp.class).stream()
                .map(UtcTimestamps::toInstant).toList();
        List<SettlementRun> settled = new ArrayList<>();
        List<DueSettlements.Failure> failed = new ArrayList<>();
        if (first.isEmpty()) {
            return new DueSettlements(settled, failed);
        }
        Instant now = clock.instant();
        for (SettlementWindow window = SettlementWindow.containing(first.get(0), settings.period());
             window.isDue(now, settings.grace()); window = window.next()) {
            if (runs.latest(window).isEmpty()) {
                try {
                    settled.add(run(new SettlementRequest(window, 1, null, null)));
                } catch (RuntimeException e) {
                    String cause = e.getMessage() == null ? rootMessage(e) : e.getMessage();
                    log.error("window {} could not be settled; going on with the next windows. Cause: {}", window, cause);
                    failed.add(new DueSettlements.Failure(window, cause));
                }
            }
        }
        return new DueSettlements(settled, failed);
    }

    public SettlementRun rerun(SettlementWindow window, String reason, String operator) {
        return rerun(window, reason, operator, OptionalInt.empty());
    }

    /**
     * A re-run confirmed against the revision its operator was shown: refused, writing nothing, once the window has
     * another latest revision than {@code shownRevision} (someone re-ran it in between).
     */
    public SettlementRun rerun(SettlementWindow window, String reason, String operator, int shownRevision) {
        return rerun(window, reason, operator, OptionalInt.of(shownRevision));
    }

    private SettlementRun rerun(SettlementWindow window, String reason, String operator, OptionalInt shownRevision) {
        checkRerunRequest(reason, operator);
        checkDue(window);
        int revision = revision(() -> RevisionRules.rerun(window.start(), runs.latestCompletedRevision(window.start())));
        if (shownRevision.isPresent() && revision != shownRevision.getAsInt() + 1) {
            throw new ConflictException("window " + window + " is at revision " + (revision - 1) + " now, not at the"
                    + " revision " + shownRevision.getAsInt() + " shown when this re-run was asked for: look at revision "
                    + (revision - 1) + " before re-running it");
        }
        // the run checks again under the window's lock that nobody wrote this revision meanwhile
        return run(new SettlementRequest(window, revision, reason, operator));
    }

    /**
     * What {@link #rerun} would do now, without doing it: the revision it would write, the pool and the terms it
     * would settle with, and each refusal with whether it would refuse now.
     *
     * @throws network.mmc.jobs.errors.NotFoundException when the window is not settled
     */
    public RerunPreview previewRerun(SettlementWindow window) {
        SettlementRun current = runs.get(window, null);
        int revision = revision(() -> RevisionRules.rerun(window.start(), runs.latestCompletedRevision(window.start())));
        SettlementParameters terms = settings.parameters();
        Instant now = clock.instant();
        List<RerunPreview.Check> checks = List.of(
                new RerunPreview.Check("a reason of at most " + MAX_REASON + " characters on one line, and the"
                        + " operator's name", null),
                new RerunPreview.Check("the window is due: it ended at " + window.end() + " and may be settled from "
                        + window.end().plus(settings.grace()), window.isDue(now, settings.grace())),
                new RerunPreview.Check("no run of this window is in progress, on this Hub or another one sharing its"
                        + " database", !backfillLock.isBeingSettled(window)),
                new RerunPreview.Check("no backfill import (import-calls --backfill) is storing records",
                        !backfillLock.isImporting()),
                new RerunPreview.Check("the window's call records are not archived (`./mmc-hub archive restore`"
                        + " brings them back)", archived.archiveOf(window).isEmpty()),
                new RerunPreview.Check("nobody has re-run the window since: revision " + revision + " is still the"
                        + " next one when the re-run is submitted", null));
        return new RerunPreview(current, revision, new EmissionSchedule(terms).poolOf(window.start()),
                RerunPreview.TermChange.between(current.parameters(), terms.terms()), checks);
    }

    private static int revision(IntSupplier rule) {
        try {
            return rule.getAsInt();
        } catch (RevisionRefusedException e) {
            throw new ConflictException(e.getMessage());
        }
    }

    /** Refuses a re-run's reason and operator as the re-run would, for callers that must check before acting. */
    public static void checkRerunRequest(String reason, String operator) {
        if (reason == null || reason.isBlank() || operator == null || operator.isBlank()) {
            throw new IllegalArgumentException("a re-run needs a reason and an operator name");
        }
        // checked before a job starts: the run row's columns would refuse them only inside the write step
        TextFields.required("reason", reason, MAX_REASON);
        TextFields.required("operator", operator, MAX_OPERATOR);
    }

    private void checkDue(SettlementWindow window) {
        Instant now = clock.instant();
        if (!window.isDue(now, settings.grace())) {
            throw new IllegalArgumentException("window " + window + " is not due: it ends at " + window.end()
                    + " and can be settled from " + window.end().plus(settings.grace()) + " (now " + now + ")");
        }
    }

    private SettlementRun run(SettlementRequest request) {
        return locks.whileHolding(request.window(), () -> {
            // checked again under the lock: another run may have completed this revision since the caller looked
            int settled = runs.latest(request.window()).map(SettlementRun::revision).orElse(0);
            if (settled >= request.revision()) {
                throw new ConflictException("window " + request.window() + " revision " + request.revision()
                        + " was settled by another run meanwhile");
            }
            refuseIfRunning(request.window());
            backfillLock.refuseWhileHeld(request.window());
            // settling reads the window's call records: an archived window has none left to read
            archived.refuseIfArchived(request.window(), request.revision() == 1 ? "settlement" : "a re-run");
            markUnknownAsFailed(request);
            JobExecution execution;
            try {
                execution = jobOperator.start(settlementJob, request.toJobParameters());
            } catch (Exception e) {
                // also how a run ends whose end could not be recorded: Spring Batch records it outside the job's steps
                throw new IllegalStateException("settlement of window " + request.window() + " revision "
                        + request.revision() + " failed: " + failureOf(e) + "; run it again to restart it", e);
            }
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                String failures = execution.getAllFailureExceptions().stream().map(SettlementService::failureOf)
                        .distinct().collect(Collectors.joining("; "));
                throw new IllegalStateException("settlement of window " + request.window() + " revision "
                        + request.revision() + " ended " + execution.getStatus() + " (execution " + execution.getId()
                        + "): " + failures + "; run it again to restart it");
            }
            return runs.get(request.window(), request.revision());
        });
    }

    /** A window has one run at a time; an execution left STARTED by a killed process of this host is recovered. */
    private void refuseIfRunning(SettlementWindow window) {
        for (JobExecution running : runningExecutions.recoverAbandoned(SettlementJobConfiguration.JOB_NAME,
                parameters -> window.start().toString().equals(parameters.getString(SettlementRequest.WINDOW_START)))) {
            throw new ConflictException("window " + window + " is being settled right now (execution "
                    + running.getId() + ", revision " + running.getJobParameters().getLong(SettlementRequest.REVISION) + ")");
        }
    }

    /**
     * A step whose commit was cut off ends UNKNOWN, or stays STARTED when the connection that would have recorded
     * its end was gone too, and Spring Batch will not restart it. Here the write step is one transaction and no run
     * row exists for this revision, so it did not commit; its job has ended, so it is not running either: it is safe
     * to call it FAILED.
     */
    private void markUnknownAsFailed(SettlementRequest request) {
        JobExecution last = jobRepository.getLastJobExecution(SettlementJobConfiguration.JOB_NAME, request.toJobParameters());
        if (last == null || runs.latest(request.window()).filter(r -> r.revision() == request.revision()).isPresent()) {
            return;
        }
        for (StepExecution step : last.getStepExecutions()) {
            boolean leftRunning = step.getStatus().isRunning() && !last.isRunning();
            if (step.getStatus() == BatchStatus.UNKNOWN || leftRunning) {
                step.setStatus(BatchStatus.FAILED);
                jobRepository.update(step);
            }
        }
        if (last.getStatus() == BatchStatus.UNKNOWN) {
            last.setStatus(BatchStatus.FAILED);
            jobRepository.update(last);
        }
    }

    /** The root cause's message; said to be the database's when a connection to it failed on the way. */
    private static String failureOf(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof SQLRecoverableException) {
                return "the database could not be reached (" + rootMessage(e) + ")";
            }
        }
        return rootMessage(e);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
