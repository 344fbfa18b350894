package network.mmc.jobs.tasks;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import network.mmc.jobs.apiusers.ApiUser;
import network.mmc.jobs.apiusers.ApiUsers;
import network.mmc.jobs.apiusers.CreditLedger;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** API users' tasks: accepted with their credits held, looked at, cancelled; {@link TaskDispatcher} runs them. */
@Service
public class TaskService {

    private final TaskStore store;
    private final TaskHandlers handlers;
    private final TaskResults results;
    private final CreditLedger ledger;
    private final ApiUsers users;
    private final TaskSettings settings;
    private final StoredValueLimit limit;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    TaskService(TaskStore store, TaskHandlers handlers, TaskResults results, CreditLedger ledger, ApiUsers users,
                TaskSettings settings, StoredValueLimit limit, Clock clock) {
        this.store = store;
        this.handlers = handlers;
        this.results = results;
        this.ledger = ledger;
        this.users = users;
        this.settings = settings;
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * Checks and prices the task, holds its estimate from the user's balance (refused when it cannot cover it) and
     * queues its units.
     */
    @Transactional
    public TaskView submit(long apiUserId, TaskRequest request) {
        if (request.kind() == null) {
            throw new IllegalArgumentException("kind is missing: one of " + Arrays.toString(TaskKind.values()));
        }
        request.checkOnlyItsKindsFields();
        Instant now = clock.instant();
        Instant deadline = deadline(request.deadline(), now);
        String taskId = queue(handlers.of(request.kind()), request, users.byId(apiUserId), deadline, now);
        return view(store.find(taskId).orElseThrow());
    }

    private <P extends TaskPlan> String queue(TaskKindHandler<P> handler, TaskRequest request, ApiUser user,
                                             Instant deadline, Instant now) {
        P plan = handler.plan(request);
        limit.checkAnswer(plan.largestAnswerBytes(), handler.kind().settingsPrefix() + ".max-unit-bytes");
        byte[] id = new byte[16];
        random.nextBytes(id);
        String taskId = HexFormat.of().formatHex(id);
        ledger.hold(user, taskId, plan.units().stream().map(PlannedUnit::price).toList());
        store.insert(taskId, user, request.kind(), plan, deadline, now);
        handler.insertInputs(taskId, plan);
        return taskId;
    }

    private Instant deadline(Instant requested, Instant now) {
        if (requested == null) {
            return now.plus(settings.defaultDeadline());
        }
        if (!requested.isAfter(now)) {
            throw new IllegalArgumentException("deadline " + requested + " has passed");
        }
        if (requested.isAfter(now.plus(settings.maxDeadline()))) {
            throw new IllegalArgumentException("deadline " + requested + " is further than "
                    + settings.maxDeadline() + " ahead (mmc.tasks.max-deadline)");
        }
        return requested;
    }

    @Transactional(readOnly = true)
    public TaskView status(long apiUserId, String taskId) {
        return view(owned(apiUserId, taskId));
    }

    /** Any user's task, for OPS ({@code task status}). */
    @Transactional(readOnly = true)
    public TaskView status(String taskId) {
        return view(find(taskId));
    }

    /**
     * Writes any user's task's result as JSON, for OPS ({@code task result}): a DONE task's, or the part an ended task's
     * DONE units computed; a task running, or ended with none done, is a conflict.
     */
    public void writeResult(String taskId, OutputStream out) throws IOException {
        results.write(find(taskId), out);
    }

    private TaskRow find(String taskId) {
        return store.find(taskId).orElseThrow(() -> new NotFoundException("task " + taskId + " does not exist"));
    }

    /** Cancels the task's units not yet sent; units on a node finish, and are charged when verified. */
    @Transactional
    public TaskView cancel(long apiUserId, String taskId) {
        TaskRow task = owned(apiUserId, taskId);
        if (!store.cancel(task.id(), clock.instant())) {
            // as it is now: it may have ended between the read above and the cancel's lock
            String status = store.find(taskId).map(TaskRow::status).orElse(task.status());
            throw new ConflictException("task " + taskId + " is " + status + " already: nothing to cancel");
        }
        return view(store.find(taskId).orElseThrow());
    }

    /** The task, when it exists and is this user's: another user's task is as unknown as a made-up id. */
    TaskRow owned(long apiUserId, String taskId) {
        return store.find(taskId).filter(task -> task.apiUserId() == apiUserId)
                .orElseThrow(() -> new NotFoundException("task " + taskId + " does not exist"));
    }

    private TaskView view(TaskRow task) {
        return TaskView.of(task, store.unitCounts(task.id()), ledger.ofTask(task.id()), store.nodeAttempts(task.id()));
    }
}
