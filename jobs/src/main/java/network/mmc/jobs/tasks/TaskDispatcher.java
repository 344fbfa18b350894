package network.mmc.jobs.tasks;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import network.mmc.jobs.apiusers.ApiUser;
import network.mmc.jobs.apiusers.ApiUsers;
import network.mmc.jobs.batch.JobRunLog;
import network.mmc.jobs.nodes.NodeSettings;
import network.mmc.jobs.tasks.TaskStore.DispatchNode;
import network.mmc.jobs.tasks.TaskStore.NodeRecord;
import network.mmc.probe.AddressPolicy;
import network.mmc.probe.NodeClient;
import network.mmc.settlement.CallStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Sends the units of API users' tasks to online COMPUTING nodes and records what comes back. The database is the
 * queue: each pass claims PENDING units with a conditional update (so several Hub instances share the work), each
 * to the least-loaded eligible node; a worker sends it as its kind's {@link TaskKindHandler} says, has the handler
 * judge the answer (asking for a check with the node's {@link SpotCheckRate}) and records the attempt.
 * A node is eligible for a unit when it is online, holds the unit in its reported GPU memory (nodes reporting none
 * take any), answered no unit of the task wrongly and has not tried this unit before; of those, the ones with the
 * fewest failed attempts at the task take units, least-loaded first (fewer than {@code units-per-node} running), so a
 * node that stopped answering gets no second unit while others can run it. Only {@code serve} (and tests) start it.
 */
@Component
public class TaskDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TaskDispatcher.class);
    private static final int ERROR_BODY_SHOWN = 200;

    private final TaskStore store;
    private final TaskHandlers handlers;
    private final ApiUsers users;
    private final TaskSettings settings;
    private final NodeSettings nodeSettings;
    private final NodeClient client;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private ScheduledExecutorService loop;
    private ExecutorService workers;

    TaskDispatcher(TaskStore store, TaskHandlers handlers, ApiUsers users, TaskSettings settings, NodeSettings nodeSettings,
                   AddressPolicy addresses, Clock clock) {
        this.store = store;
        this.handlers = handlers;
        this.users = users;
        this.settings = settings;
        this.nodeSettings = nodeSettings;
        this.client = new NodeClient(addresses);
        this.clock = clock;
    }

    public synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "task-dispatcher"));
        workers = Executors.newFixedThreadPool(settings.concurrency(), runnable -> daemon(runnable, "task-unit"));
        loop.scheduleWithFixedDelay(this::pass, 0, settings.dispatchInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Another pass as soon as the loop is free: a unit finished, so a node and a worker are free. */
    private void passSoon() {
        if (passQueued.compareAndSet(false, true)) {
            try {
                loop.execute(() -> {
                    passQueued.set(false);
                    pass();
                });
            } catch (RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    private void pass() {
        // an exception would end the scheduled loop for good: a database outage only skips a pass
        try {
            Instant now = clock.instant();
            store.expire(now);
            store.recoverLeases(now);
            dispatch(now);
        } catch (RuntimeException e) {
            log.warn("tasks: this dispatch pass failed, the next one tries again: {}", JobRunLog.oneLine(e));
        }
    }

    private void dispatch(Instant now) {
        int free = settings.concurrency() - inFlight.get();
        if (free <= 0) {
            return;
        }
        List<QueuedUnit> queued = store.pending(free * 4);
        if (queued.isEmpty()) {
            return;
        }
        Map<String, DispatchNode> nodes = new LinkedHashMap<>();
        store.dispatchNodes(now.minus(nodeSettings.onlineWindow())).forEach(node -> nodes.put(node.nodeId(), node));
        Map<String, Integer> running = new HashMap<>();
        nodes.values().forEach(node -> running.put(node.nodeId(), node.running()));
        Map<String, Map<String, NodeRecord>> records = new HashMap<>();
        for (QueuedUnit unit : queued) {
            if (free == 0) {
                return;
            }
            Map<String, NodeRecord> ofTask = records.computeIfAbsent(unit.taskId(), store::nodeRecords);
            Set<String> tried = unit.attempts() > 0 ? new HashSet<>(store.triedNodes(unit.taskId(), unit.unitIndex()))
                    : Set.of();
            List<DispatchNode> eligible = nodes.values().stream()
                    .filter(node -> ofTask.getOrDefault(node.nodeId(), NodeRecord.NONE).wrong() == 0
                            && !tried.contains(node.nodeId()) && node.holds(unit.gpuBytes())).toList();
            if (eligible.isEmpty()) {
                if (unit.failures() > 0) {
                    store.failUnretryable(unit, "no other online node may retry it (" + unit.failures()
                            + " attempts failed; nodes that answered wrongly are excluded)", now);
                }
                continue;
            }
            // a node whose attempts at this task failed waits while a node with fewer failures may take the unit
            int fewestFailures = eligible.stream()
                    .mapToInt(node -> ofTask.getOrDefault(node.nodeId(), NodeRecord.NONE).failed()).min().orElseThrow();
            Optional<DispatchNode> leastLoaded = eligible.stream()
                    .filter(node -> ofTask.getOrDefault(node.nodeId(), NodeRecord.NONE).failed() == fewestFailures
                            && running.get(node.nodeId()) < settings.unitsPerNode())
                    .min(Comparator.comparingInt((DispatchNode node) -> running.get(node.nodeId()))
                            .thenComparing(DispatchNode::nodeId));
            if (leastLoaded.isEmpty()) {
                continue;
            }
            DispatchNode node = leastLoaded.get();
            int attempt = store.claim(unit, node.nodeId(), instance,
                    now.plus(settings.unitTimeout()).plus(settings.leaseMargin()));
            if (attempt > 0) {
                running.merge(node.nodeId(), 1, Integer::sum);
                free--;
                inFlight.incrementAndGet();
                workers.execute(() -> run(unit, attempt, node));
            }
        }
    }

    private void run(QueuedUnit unit, int attempt, DispatchNode node) {
        try {
            TaskStore.Attempt outcome = attempt(unit, attempt, node);
            store.record(outcome, instance, settings.maxAttempts(), clock.instant());
            if (outcome.checked()) {
                countCheck(outcome);
            }
        } catch (RuntimeException e) {
            // the lease brings the unit back if the outcome could not be recorded
            log.warn("tasks: unit {} of task {} on node {}: {}", unit.unitIndex(), unit.taskId(), node.nodeId(),
                    JobRunLog.oneLine(e));
        } finally {
            inFlight.decrementAndGet();
            passSoon();
        }
    }

    private TaskStore.Attempt attempt(QueuedUnit unit, int attempt, DispatchNode node) {
        ApiUser user = users.byId(store.find(unit.taskId()).orElseThrow().apiUserId());
        TaskKindHandler<?> handler = handlers.of(unit.kind());
        UnitCall call = handler.call(unit);
        Instant calledAt = clock.instant();
        long deadline = System.nanoTime() + settings.unitTimeout().toNanos();
        NodeClient.Reply reply = client.post(node.endpoint(), call.path(), call.contentType(), call.body(), deadline,
                call.answerBytes(), ERROR_BODY_SHOWN);
        CallStatus status;
        String detail = null;
        UnitVerdict verdict = null;
        switch (reply.outcome()) {
            case REFUSED -> {
                status = CallStatus.FAILED;
                detail = "not sent: " + reply.detail();
            }
            case TIMEOUT -> {
                status = CallStatus.TIMEOUT;
                detail = "no answer within " + settings.unitTimeout();
            }
            case FAILED -> {
                status = CallStatus.FAILED;
                detail = reply.detail();
            }
            default -> {
                if (reply.status() != 200) {
                    status = CallStatus.FAILED;
                    detail = "HTTP " + reply.status() + ": " + reply.printableBody();
                } else {
                    verdict = reply.longer() ? UnitVerdict.wrong("answer has more than " + call.answerBytes()
                            + " bytes, expected " + call.answerBytes())
                            : handler.judge(unit, call, reply.body(), spotCheck(node.nodeId()));
                    status = verdict.right() ? CallStatus.SUCCESS : CallStatus.WRONG_RESULT;
                    detail = verdict.detail();
                }
            }
        }
        return new TaskStore.Attempt(unit, handler.taskType(), attempt, node.nodeId(), user.name(), user.wallet(),
                calledAt, reply.latencyMillis(), status, detail, verdict != null && verdict.right() ? verdict.result()
                : null, verdict != null && verdict.checked());
    }

    /** Counts a checked answer in the node's track record; tried twice, as two nodes' first rows may deadlock. */
    private void countCheck(TaskStore.Attempt outcome) {
        boolean verified = outcome.status() == CallStatus.SUCCESS;
        try {
            store.countCheck(outcome.nodeId(), verified, clock.instant());
        } catch (TransientDataAccessException e) {
            store.countCheck(outcome.nodeId(), verified, clock.instant());
        }
    }

    /** Whether this answer of the node is checked: drawn after it arrived, so the node cannot know. */
    private boolean spotCheck(String nodeId) {
        return random.nextDouble() < settings.spotCheck().probability(store.cleanChecks(nodeId));
    }

    @Override
    public synchronized void destroy() {
        if (loop != null) {
            loop.shutdownNow();
            workers.shutdownNow();
        }
    }
}
