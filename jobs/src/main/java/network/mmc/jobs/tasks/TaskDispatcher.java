package network.mmc.jobs.tasks;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import network.mmc.jobs.batch.JobRunLog;
import network.mmc.jobs.nodes.NodeSettings;
import network.mmc.jobs.tasks.TaskStore.Claim;
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
 * to the least-loaded eligible node; a worker sends it as its kind's {@link TaskKindHandler} says and has the handler
 * judge the answer (asking for a check with the node's {@link SpotCheckRate}); one recorder thread records the
 * answers that arrived meanwhile in one transaction ({@link TaskStore#record}), so a commit is paid per batch, not
 * per unit, while the workers go on sending. Each pass claims up to twice the workers' number: the units past them
 * wait in this instance, on their nodes, so that a worker that finishes takes the next unit at once rather than after
 * a pass and its commit. An answer not yet recorded when the process stops is sent again once
 * its lease runs out, as with any instance that stops.
 * A node is eligible for a unit when it is online, holds the unit in its reported GPU memory (nodes reporting none
 * take any), answered no unit of the task wrongly and has not tried this unit before (when every such node has, one
 * whose attempt failed or timed out may try again); of those, the ones with the
 * fewest failed attempts at the task take units, least-loaded first (fewer than {@code units-per-node} running, less
 * its verified answers not recorded yet), so a node that stopped answering gets no second unit while others can run
 * it; of equally loaded nodes, one that keeps the part's shared operand ({@link SentOperands}, or a unit of the part
 * on its way there), which then travels by hash only. A unit that would wait anyway, for a worker or for a node, may
 * wait here for a node running {@code units-per-node} units this instance sent, one that keeps the operand first; it
 * is sent when the node answers one right, and goes back to the queue when the node does not. Only {@code serve} (and
 * tests) start it.
 */
@Component
public class TaskDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TaskDispatcher.class);
    private static final int ERROR_BODY_SHOWN = 200;
    /** What a node answers when it keeps no operand under the hash a call named (a product's B, a step's parameters). */
    private static final int OPERAND_UNKNOWN = 409;
    /** What a node answers when the unit itself cannot be computed (a training shard that overflows). */
    private static final int UNIT_CANNOT_BE_COMPUTED = 422;
    /** Answers waiting to be recorded, per unit of concurrency, before the dispatcher stops claiming more. */
    private static final int UNRECORDED_PER_WORKER = 4;
    private static final int MAX_RECORDED_AT_ONCE = 256;
    private static final Duration LINGER = Duration.ofMillis(20);
    private static final int CAUGHT_TASKS = 16_384;
    private static final NodeRecord CAUGHT = new NodeRecord(1, 0);
    private static final int CLAIMED_PER_WORKER = 2;
    /** How often ended tasks' data is looked for, and how many tasks' a pass deletes at most. */
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    private static final int PURGED_AT_ONCE = 100;

    private final TaskStore store;
    private final TaskHandlers handlers;
    private final TaskSettings settings;
    private final NodeSettings nodeSettings;
    private final NodeClient client;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicInteger unrecorded = new AtomicInteger();
    private final BlockingQueue<TaskStore.Attempt> answered = new LinkedBlockingQueue<>();
    private final AtomicBoolean passQueued = new AtomicBoolean();
    private final SentOperands sent = new SentOperands();
    /**
     * Under this lock: the claims won and not sent yet, by node; the units handed to workers for each node (being sent,
     * or about to be); and the nodes this instance's claimed units of each part are headed for, with how many.
     */
    private final Map<String, Deque<Claim>> waiting = new HashMap<>();
    private final Map<String, Integer> sending = new HashMap<>();
    private final Map<PartKey, Map<String, Integer>> headedFor = new HashMap<>();
    /** Under the same lock: per node, how many units sent from here it answered wrongly or not at all. */
    private final Map<String, Integer> failedHere = new HashMap<>();
    /**
     * The attempts answered right and not recorded yet: their nodes are free, though the units are RUNNING in the
     * database until the recorder's next commit. Left out of a node's load, so that a node that just answered, and
     * keeps the part's shared operand, is not passed over for one that would be sent it.
     */
    private final Set<AttemptKey> answeredRight = new HashSet<>();
    /**
     * The nodes this instance caught answering a task wrongly, by task: excluded from the task at once, before the
     * answer is recorded (a node running several units could take another meanwhile). The most recent tasks only: the
     * recorded answers exclude the others.
     */
    private final Map<String, Set<String>> caught = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
            return size() > CAUGHT_TASKS;
        }
    };
    private volatile boolean stopping;
    /** The recorder thread's: verified answers per node not yet in its clean run, held since {@code checksCountedAt}. */
    private final Map<String, Long> uncountedChecks = new HashMap<>();
    private Instant checksCountedAt;
    private Instant housekeptAt = Instant.MIN;
    private Instant purgedAt = Instant.MIN;
    private List<DispatchNode> online = List.of();
    private ScheduledExecutorService loop;
    private ExecutorService workers;
    private ExecutorService recorder;

    TaskDispatcher(TaskStore store, TaskHandlers handlers, TaskSettings settings, NodeSettings nodeSettings,
                   AddressPolicy addresses, Clock clock) {
        this.store = store;
        this.handlers = handlers;
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
        checksCountedAt = clock.instant();
        recorder = Executors.newSingleThreadExecutor(runnable -> daemon(runnable, "task-recorder"));
        recorder.execute(this::recordAnswers);
        loop.scheduleWithFixedDelay(this::pass, 0, settings.dispatchInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Another pass as soon as the loop is free: a worker or a node is free. */
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
            // a pass follows every recorded batch: deadlines, leases and the online nodes are looked at as often as an
            // idle loop would
            if (!now.isBefore(housekeptAt.plus(settings.dispatchInterval()))) {
                if (housekeptAt.equals(Instant.MIN)) {
                    store.cancelOrphanedUnits(now);
                }
                store.expire(now);
                store.recoverLeases(now);
                online = store.dispatchNodes(now.minus(nodeSettings.onlineWindow()));
                if (!now.isBefore(purgedAt.plus(PURGE_INTERVAL))) {
                    store.purge(now, settings.retention(), PURGED_AT_ONCE);
                    purgedAt = now;
                }
                housekeptAt = now;
            }
            dispatch(now);
        } catch (RuntimeException e) {
            log.warn("tasks: this dispatch pass failed, the next one tries again: {}", JobRunLog.oneLine(e));
        }
    }

    private void dispatch(Instant now) {
        int free = CLAIMED_PER_WORKER * settings.concurrency() - claimed.get();
        // units are claimed in lots of half the workers' number at least, while every worker has one: a pass, its
        // reads and its commit for each unit cost more than recording the unit
        if (free < Math.max(1, settings.concurrency() / 2)
                || unrecorded.get() >= settings.concurrency() * UNRECORDED_PER_WORKER) {
            return;
        }
        List<QueuedUnit> queued = store.pending(free * 4);
        if (queued.isEmpty()) {
            return;
        }
        List<TaskStore.RunningAttempt> attempts = store.runningAttempts();
        // read after the database: an attempt recorded since is still counted (its node looks busy a pass longer), one
        // answered since is free either way
        Set<AttemptKey> freed = answeredRight();
        Map<String, Integer> running = new HashMap<>();
        Set<String> othersRunning = new HashSet<>();
        for (TaskStore.RunningAttempt attempt : attempts) {
            if (!freed.contains(new AttemptKey(attempt.taskId(), attempt.unitIndex(), attempt.attempt()))) {
                running.merge(attempt.nodeId(), 1, Integer::sum);
                if (!instance.equals(attempt.claimedBy())) {
                    othersRunning.add(attempt.nodeId());
                }
            }
        }
        Map<String, Integer> sendingHere;
        Map<String, Integer> failuresSeen;
        synchronized (waiting) {
            sendingHere = new HashMap<>(sending);
            failuresSeen = new HashMap<>(failedHere);
        }
        // a unit that would wait anyway, for a worker (claimed past the workers' number) or for a node (none is free),
        // may wait in this instance for a node that keeps its operand. At most one unit waits for a node sent
        // units-per-node from here, so while as many units as workers are claimed, at least half are being sent
        int sentAtOnce = Math.max(0, settings.concurrency() - claimed.get());
        Map<String, Map<String, NodeRecord>> records = new HashMap<>();
        Map<PartKey, Set<String>> claimedForPart = new HashMap<>();
        List<Claim> claims = new ArrayList<>();
        for (QueuedUnit unit : queued) {
            if (free == 0) {
                break;
            }
            Map<String, NodeRecord> ofTask = records.computeIfAbsent(unit.taskId(), this::nodeRecords);
            Set<String> tried = unit.attempts() > 0 ? new HashSet<>(store.triedNodes(unit.taskId(), unit.unitIndex()))
                    : Set.of();
            List<DispatchNode> eligible = online.stream()
                    .filter(node -> ofTask.getOrDefault(node.nodeId(), NodeRecord.NONE).wrong() == 0
                            && !tried.contains(node.nodeId()) && node.holds(unit.gpuBytes())).toList();
            if (eligible.isEmpty() && !tried.isEmpty()) {
                // only nodes that tried it are left: one whose attempt failed or timed out tries again (those that
                // answered wrongly are excluded), rather than one passing failure ending the task with attempts left
                eligible = online.stream().filter(node -> ofTask.getOrDefault(node.nodeId(), NodeRecord.NONE).wrong()
                        == 0 && node.holds(unit.gpuBytes())).toList();
            }
            if (eligible.isEmpty()) {
                // no node online at all (as after the Hub itself was down longer than the online window) is no reason
                // to give up on a unit: the nodes come back, or the deadline ends the task
                if (unit.failures() > 0 && !online.isEmpty()) {
                    store.failUnretryable(unit, "no online node may retry it (" + unit.failures()
                            + " attempts failed; nodes that answered wrongly are excluded)", now);
                }
                continue;
            }
            boolean keeps = handlers.of(unit.kind()).keepsOperands();
            Set<String> holders = keeps ? holders(unit, claimedForPart) : Set.of();
            DispatchNode node = sentAtOnce > 0
                    ? leastLoaded(eligible, ofTask, running, sendingHere, othersRunning, holders, false) : null;
            if (node == null) {
                node = leastLoaded(eligible, ofTask, running, sendingHere, othersRunning, holders, true);
            }
            if (node == null) {
                continue;
            }
            sentAtOnce--;
            sendingHere.merge(node.nodeId(), 1, Integer::sum);
            if (keeps) {
                claimedForPart.computeIfAbsent(PartKey.of(unit), key -> new HashSet<>()).add(node.nodeId());
            }
            claims.add(new Claim(unit, node));
            running.merge(node.nodeId(), 1, Integer::sum);
            free--;
        }
        if (claims.isEmpty()) {
            return;
        }
        // a claimed unit may wait for its node's unit, then for a worker, as long as a unit takes each, then take as
        // long itself
        boolean[] won = store.claim(claims, instance, now.plus(settings.unitTimeout()
                .multipliedBy(CLAIMED_PER_WORKER + 1)).plus(settings.leaseMargin()));
        Set<String> nodes = new HashSet<>();
        List<QueuedUnit> failedMeanwhile = new ArrayList<>();
        synchronized (waiting) {
            for (int i = 0; i < claims.size(); i++) {
                if (!won[i]) {
                    continue;
                }
                Claim claim = claims.get(i);
                String nodeId = claim.node().nodeId();
                if (!Objects.equals(failedHere.get(nodeId), failuresSeen.get(nodeId))) {
                    // the node answered a unit wrongly or not at all since this pass read its load: not to it
                    failedMeanwhile.add(claim.unit());
                    continue;
                }
                claimed.incrementAndGet();
                waiting.computeIfAbsent(nodeId, id -> new ArrayDeque<>()).add(claim);
                headedFor.computeIfAbsent(PartKey.of(claim.unit()), key -> new HashMap<>()).merge(nodeId, 1,
                        Integer::sum);
                nodes.add(nodeId);
            }
        }
        release(failedMeanwhile, "its node failed a unit as it was claimed");
        nodes.forEach(this::sendWaiting);
    }

    /** Hands the node's waiting units to workers while fewer than {@code units-per-node} are being sent to it. */
    private void sendWaiting(String nodeId) {
        List<Claim> now = new ArrayList<>();
        synchronized (waiting) {
            Deque<Claim> queue = waiting.get(nodeId);
            while (queue != null && !queue.isEmpty() && sending.getOrDefault(nodeId, 0) < settings.unitsPerNode()) {
                now.add(queue.poll());
                sending.merge(nodeId, 1, Integer::sum);
            }
            if (queue != null && queue.isEmpty()) {
                waiting.remove(nodeId);
            }
        }
        try {
            for (Claim claim : now) {
                workers.execute(() -> run(claim.unit(), claim.unit().attempts() + 1, claim.node()));
            }
        } catch (RejectedExecutionException e) {
            // shutting down: the leases bring the units back
        }
    }

    private record AttemptKey(String taskId, int unitIndex, int attempt) {
    }

    private record PartKey(String taskId, int part) {

        static PartKey of(QueuedUnit unit) {
            return new PartKey(unit.taskId(), unit.part());
        }
    }

    /**
     * The nodes that keep the unit's part's shared operand, or will: this instance sent it to them, or has a unit of
     * the part on its way to them (claimed in an earlier pass or in this one), which takes it there.
     */
    private Set<String> holders(QueuedUnit unit, Map<PartKey, Set<String>> claimedThisPass) {
        PartKey part = PartKey.of(unit);
        Set<String> holders = new HashSet<>(sent.holders(unit.taskId(), unit.part()));
        synchronized (waiting) {
            holders.addAll(headedFor.getOrDefault(part, Map.of()).keySet());
        }
        holders.addAll(claimedThisPass.getOrDefault(part, Set.of()));
        return holders;
    }

    /** The task's nodes' records as stored, with a wrong answer for each node this instance caught on it since. */
    private Map<String, NodeRecord> nodeRecords(String taskId) {
        Map<String, NodeRecord> records = store.nodeRecords(taskId);
        synchronized (caught) {
            caught.getOrDefault(taskId, Set.of()).forEach(nodeId -> records.merge(nodeId, CAUGHT,
                    (stored, judged) -> stored.wrong() > 0 ? stored : stored.plus(judged)));
        }
        return records;
    }

    /**
     * Whether an answer frees its node before it is recorded: a verified one. A node that answered wrongly or failed
     * stays loaded until then, so that its failure counts against it before it gets another unit.
     */
    private static boolean freesItsNode(TaskStore.Attempt attempt) {
        return attempt.status() == CallStatus.SUCCESS;
    }

    private static AttemptKey keyOf(TaskStore.Attempt attempt) {
        return new AttemptKey(attempt.unit().taskId(), attempt.unit().unitIndex(), attempt.number());
    }

    private Set<AttemptKey> answeredRight() {
        synchronized (answeredRight) {
            return new HashSet<>(answeredRight);
        }
    }

    /**
     * Of the eligible nodes, those with the fewest failed attempts at the task (a node whose attempts failed waits
     * while one with fewer failures may take the unit) running fewer than {@code units-per-node}: the least loaded; of
     * equally loaded ones, one that keeps the part's shared operand ({@code holders}), then by node id. A unit that
     * would wait anyway, for a worker or for a node ({@code mayWait}), may also wait in this instance for a node
     * running as many, all sent from here; and then a node that keeps the operand goes first, then the least loaded:
     * it answers the unit after the one it runs, about when the unit would have been sent elsewhere, and the operand
     * does not travel again (over the internet that can take longer than the unit). Null when all are full.
     */
    private DispatchNode leastLoaded(List<DispatchNode> eligible, Map<String, NodeRecord> ofTask,
                                     Map<String, Integer> running, Map<String, Integer> sendingHere,
                                     Set<String> othersRunning, Set<String> holders, boolean mayWait) {
        int fewestFailures = Integer.MAX_VALUE;
        for (DispatchNode node : eligible) {
            fewestFailures = Math.min(fewestFailures, ofTask.getOrDefault(node.nodeId(), NodeRecord.NONE).failed());
        }
        DispatchNode best = null;
        int bestLoad = 0;
        boolean bestHolds = false;
        for (DispatchNode node : eligible) {
            int load = running.getOrDefault(node.nodeId(), 0);
            // waits behind units being sent, not behind failed answers not recorded yet, nor other instances' units
            boolean room = load < settings.unitsPerNode() || mayWait && load == settings.unitsPerNode()
                    && load == sendingHere.getOrDefault(node.nodeId(), 0) && !othersRunning.contains(node.nodeId());
            if (!room || ofTask.getOrDefault(node.nodeId(), NodeRecord.NONE).failed() != fewestFailures) {
                continue;
            }
            boolean holds = holders.contains(node.nodeId());
            if (best == null || (mayWait && holds != bestHolds ? holds : load != bestLoad ? load < bestLoad
                    : holds != bestHolds ? holds : node.nodeId().compareTo(best.nodeId()) < 0)) {
                best = node;
                bestLoad = load;
                bestHolds = holds;
            }
        }
        return best;
    }

    private void run(QueuedUnit unit, int attempt, DispatchNode node) {
        boolean answeredRightly = false;
        try {
            TaskStore.Attempt outcome = attempt(unit, attempt, node);
            answeredRightly = freesItsNode(outcome);
            // a worker stopped with the process: the lease sends the unit again, the node is not blamed for it
            if (!Thread.currentThread().isInterrupted()) {
                unrecorded.incrementAndGet();
                if (answeredRightly) {
                    synchronized (answeredRight) {
                        answeredRight.add(keyOf(outcome));
                    }
                } else if (outcome.status() == CallStatus.WRONG_RESULT) {
                    synchronized (caught) {
                        caught.computeIfAbsent(unit.taskId(), taskId -> new HashSet<>()).add(node.nodeId());
                    }
                }
                answered.add(outcome);
            }
        } catch (RuntimeException e) {
            // the lease brings the unit back
            log.warn("tasks: unit {} of task {} on node {}: {}", unit.unitIndex(), unit.taskId(), node.nodeId(),
                    JobRunLog.oneLine(e));
        } finally {
            synchronized (waiting) {
                sending.computeIfPresent(node.nodeId(), (nodeId, count) -> count == 1 ? null : count - 1);
                leaves(unit, node.nodeId());
                if (!answeredRightly) {
                    failedHere.merge(node.nodeId(), 1, Integer::sum);
                }
            }
            if (answeredRightly) {
                sendWaiting(node.nodeId());
            } else if (!stopping) {
                releaseWaiting(node.nodeId());
            }
            claimed.decrementAndGet();
            passSoon();
        }
    }

    /** Under the lock of {@link #waiting}: the unit is no longer headed for the node. */
    private void leaves(QueuedUnit unit, String nodeId) {
        PartKey part = PartKey.of(unit);
        Map<String, Integer> nodes = headedFor.get(part);
        if (nodes != null) {
            nodes.computeIfPresent(nodeId, (node, count) -> count == 1 ? null : count - 1);
            if (nodes.isEmpty()) {
                headedFor.remove(part);
            }
        }
    }

    /**
     * The node did not answer a unit right: the units still waiting for it here (not those handed to workers already)
     * go back to the queue rather than to it (a node caught is excluded from the task; one that failed stays loaded
     * until its failure is recorded).
     */
    private void releaseWaiting(String nodeId) {
        List<QueuedUnit> released = new ArrayList<>();
        synchronized (waiting) {
            Deque<Claim> queue = waiting.remove(nodeId);
            if (queue != null) {
                queue.forEach(claim -> {
                    released.add(claim.unit());
                    leaves(claim.unit(), nodeId);
                });
            }
        }
        release(released, "node " + nodeId + " answered the unit before it wrongly or not at all");
        claimed.addAndGet(-released.size());
    }

    /** Hands claimed units back to the queue unsent; when that fails, their leases bring them back. */
    private void release(List<QueuedUnit> units, String reason) {
        if (units.isEmpty()) {
            return;
        }
        try {
            store.release(units, instance, reason, clock.instant());
        } catch (RuntimeException e) {
            log.warn("tasks: {} claimed units could not be handed back, their leases bring them back: {}",
                    units.size(), JobRunLog.oneLine(e));
        }
    }

    /** The recorder thread: records what arrived since the last batch, until the dispatcher stops and all is. */
    private void recordAnswers() {
        List<TaskStore.Attempt> batch = new ArrayList<>();
        while (true) {
            TaskStore.Attempt first;
            try {
                first = answered.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                countChecks(stopping);
                if (stopping) {
                    return;
                }
                continue;
            }
            batch.add(first);
            try {
                lingerForMore(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                recordEach(batch);
            } finally {
                unrecorded.addAndGet(-batch.size());
                synchronized (answeredRight) {
                    batch.stream().filter(TaskDispatcher::freesItsNode).map(TaskDispatcher::keyOf)
                            .forEach(answeredRight::remove);
                }
                batch.clear();
                passSoon();
            }
            countChecks(false);
        }
    }

    /**
     * Adds the answers that arrive within {@link #LINGER} of the first, up to a batch: a batch's statements and commit
     * cost about as much as its rows, and with larger units the answers came one at a time, each with its own.
     * Recording them a little later holds back no dispatch: workers and claims do not wait for it.
     */
    private void lingerForMore(List<TaskStore.Attempt> batch) throws InterruptedException {
        long until = System.nanoTime() + LINGER.toNanos();
        answered.drainTo(batch, MAX_RECORDED_AT_ONCE - batch.size());
        for (long left = LINGER.toNanos(); batch.size() < MAX_RECORDED_AT_ONCE && left > 0 && !stopping;
             left = until - System.nanoTime()) {
            TaskStore.Attempt next = answered.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            answered.drainTo(batch, MAX_RECORDED_AT_ONCE - batch.size());
        }
    }

    /**
     * Records a batch; when that fails, each of its answers alone, so that one answer the database refuses (larger than
     * its max_allowed_packet, say) does not take the others with it, every time, in every batch it joins. An answer
     * that cannot be recorded even alone is recorded as a FAILED attempt without it: the unit is retried and, after its
     * attempts, fails with its task, which releases its credits. Whatever cannot be recorded at all the leases bring back.
     */
    private void recordEach(List<TaskStore.Attempt> batch) {
        try {
            record(batch);
            return;
        } catch (RuntimeException e) {
            log.warn("tasks: {} answers could not be recorded together, now one by one: {}", batch.size(),
                    JobRunLog.oneLine(e));
        }
        for (TaskStore.Attempt attempt : batch) {
            try {
                record(List.of(attempt));
            } catch (RuntimeException e) {
                String reason = "the answer could not be recorded: " + JobRunLog.oneLine(e);
                log.warn("tasks: unit {} of task {} from node {}: {}", attempt.unit().unitIndex(),
                        attempt.unit().taskId(), attempt.nodeId(), reason);
                try {
                    record(List.of(attempt.failed(reason)));
                } catch (RuntimeException again) {
                    log.warn("tasks: unit {} of task {}: not even its failure could be recorded, its lease brings it"
                            + " back: {}", attempt.unit().unitIndex(), attempt.unit().taskId(), JobRunLog.oneLine(again));
                }
            }
        }
    }

    private void record(List<TaskStore.Attempt> batch) {
        Map<String, Integer> verified;
        try {
            verified = store.record(batch, instance, settings.maxAttempts(), clock);
        } catch (TransientDataAccessException e) {
            // InnoDB rolled the whole transaction back (a deadlock victim): recording it again is safe, and cheaper
            // than waiting out the leases and sending the units again
            verified = store.record(batch, instance, settings.maxAttempts(), clock);
        }
        // a node's wrong answer just ended its clean run: the verified answers held for it came before
        batch.stream().filter(attempt -> attempt.status() == CallStatus.WRONG_RESULT)
                .forEach(attempt -> uncountedChecks.remove(attempt.nodeId()));
        verified.forEach((nodeId, count) -> uncountedChecks.merge(nodeId, (long) count, Long::sum));
    }

    /** Adds the verified answers held since the last time to the nodes' clean runs, at most once per interval. */
    private void countChecks(boolean now) {
        Instant at = clock.instant();
        if (uncountedChecks.isEmpty() || !now && at.isBefore(checksCountedAt.plus(settings.dispatchInterval()))) {
            return;
        }
        try {
            store.addCleanChecks(uncountedChecks, checksCountedAt, at);
        } catch (RuntimeException e) {
            // the nodes are only checked more often until the next count
            log.warn("tasks: nodes' verified answers could not be counted: {}", JobRunLog.oneLine(e));
        }
        uncountedChecks.clear();
        checksCountedAt = at;
    }

    private TaskStore.Attempt attempt(QueuedUnit unit, int attempt, DispatchNode node) {
        TaskKindHandler<?> handler = handlers.of(unit.kind());
        boolean kept = handler.keepsOperands() && sent.holds(node.nodeId(), unit.taskId(), unit.part());
        UnitCall call = handler.call(unit, kept);
        Instant calledAt = clock.instant();
        long deadline = System.nanoTime() + settings.unitTimeout().toNanos();
        NodeClient.Reply reply = post(node, call, deadline);
        long latency = reply.latencyMillis();
        if (kept && reply.outcome() == NodeClient.Outcome.ANSWERED && reply.status() == OPERAND_UNKNOWN) {
            // the node keeps the operand no more (restarted, or sent others since): the full call, same deadline
            sent.forget(node.nodeId(), unit.kind(), unit.taskId(), unit.part());
            kept = false;
            call = handler.call(unit, false);
            reply = post(node, call, deadline);
            latency += reply.latencyMillis();
        }
        // sent in full or named: the node keeps it now, as its most recently used
        if (handler.keepsOperands() && reply.outcome() == NodeClient.Outcome.ANSWERED && reply.status() == 200) {
            sent.sent(node.nodeId(), unit.kind(), unit.taskId(), unit.part());
        }
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
                if (reply.status() == UNIT_CANNOT_BE_COMPUTED
                        && (verdict = handler.judgeRefusal(unit, reply.printableBody())) != null) {
                    status = verdict.right() ? CallStatus.SUCCESS : CallStatus.WRONG_RESULT;
                    detail = verdict.detail();
                } else if (reply.status() != 200) {
                    status = CallStatus.FAILED;
                    // the node's own words go to the log, not into the task its user reads
                    detail = "HTTP " + reply.status() + " from the node";
                    log.info("tasks: unit {} of task {} on node {}: HTTP {}: {}", unit.unitIndex(), unit.taskId(),
                            node.nodeId(), reply.status(), reply.printableBody());
                } else {
                    verdict = reply.longer() ? UnitVerdict.wrong("answer has more than " + call.answerBytes()
                            + " bytes, expected " + call.answerBytes())
                            : handler.judge(unit, call, reply.body(), spotCheck(node));
                    status = verdict.right() ? CallStatus.SUCCESS : CallStatus.WRONG_RESULT;
                    detail = verdict.detail();
                }
            }
        }
        return new TaskStore.Attempt(unit, handler.taskType(), attempt, node.nodeId(), calledAt, latency,
                status, detail, verdict != null && verdict.right() ? verdict.result() : null,
                verdict != null && verdict.checked(), verdict != null && verdict.unfit());
    }

    private NodeClient.Reply post(DispatchNode node, UnitCall call, long deadline) {
        return client.post(node.endpoint(), call.path(), call.contentType(), call.body(), deadline, call.answerBytes(),
                ERROR_BODY_SHOWN);
    }

    /**
     * Whether this answer of the node is checked: drawn after it arrived, so the node cannot know; at the rate of the
     * node's clean run as it was when the unit was sent.
     */
    private boolean spotCheck(DispatchNode node) {
        return random.nextDouble() < settings.spotCheck().probability(node.cleanChecks());
    }

    /** Stops sending; the answers already in are recorded (for a few seconds at most) before the database goes. */
    @Override
    public synchronized void destroy() {
        if (loop != null) {
            stopping = true;
            loop.shutdownNow();
            workers.shutdownNow();
            recorder.shutdown();
            try {
                recorder.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
