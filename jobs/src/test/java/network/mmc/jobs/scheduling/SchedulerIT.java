package network.mmc.jobs.scheduling;


import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.mmc.jobs.batch.HubInstance;
import network.mmc.jobs.calls.CallRecordLoader;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.HeldPartition;
import network.mmc.jobs.support.PauseBeforeLedger;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.jobs.support.TestKeypairs;
import network.mmc.jobs.support.TestNode;
import network.mmc.scheduler.HubSchedule;
import network.mmc.scheduler.TriggerView;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.utils.Base58;
import org.quartz.CronExpression;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler on a database of its own: pause/resume/trigger, one firing across two instances, recovery
 * of a job whose instance was killed, and catch-up after an outage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerIT {

    private static final TestDatabase DB = TestDatabase.get().sibling("scheduler");
    private static final Path KEYPAIR = TestKeypairs.write(new Account());
    private static final Duration PERIOD = Duration.ofHours(2);
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    // org.quartz.scheduler.idleWaitTime: how long an idle instance may take to see a trigger come due
    private static final Duration IDLE_WAIT = Duration.ofSeconds(5);
    private static final int ARMERS = 4;

    @Autowired
    SchedulerControl control;

    @Autowired
    Scheduler scheduler;

    @Autowired
    HubSchedule schedule;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CallRecordLoader loader;

    @Autowired
    JobExecutions jobs;

    @Autowired
    SettlementRuns runs;

    private String validator;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        DB.register(registry);
        registry.add("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval", () -> "1000");
        registry.add("mmc.probe.min-delay", () -> "PT2S");
        registry.add("mmc.probe.max-delay", () -> "PT3S");
        registry.add("mmc.rewards.authority-keypair", KEYPAIR::toString);
    }

    @BeforeAll
    void startWithAValidator() {
        validator = TestNode.aWallet();
        jdbc.update("INSERT INTO node (node_id, public_key, kind, stake, registered_at, approved_at, approved_by,"
                + " approval_reason) VALUES (?, ?, 'VALIDATOR', 1000000000000, NOW(6), NOW(6), 'test',"
                + " 'the scheduler test validator')",
                validator, Base58.decode(validator));
        control.start();
    }

    @AfterAll
    void stopFiring() throws Exception {
        scheduler.standby();
    }

    @Test
    @Order(1)
    void pauseStopsFiringResumeRestoresTheNextFireAndTriggerNowFiresOnce() throws Exception {
        String probe = HubSchedule.PROBE_PREFIX + validator;
        waitUntil(() -> rounds() >= 1, "a first probe round");
        control.pause(probe);
        control.pause(HubSchedule.EXPORT);
        assertThat(trigger(HubSchedule.EXPORT).state()).isEqualTo("PAUSED");
        // a round already running when the trigger was paused ends and re-arms the trigger, stored paused
        await("the probe trigger paused with no round running").atMost(DEADLINE)
                .until(() -> firings(probe) == 0 && control.triggers().stream()
                        .anyMatch(t -> t.name().equals(probe) && t.state().equals("PAUSED")));
        long pausedRounds = rounds();
        Instant due = trigger(probe).nextFire();
        Duration untilOverdue = Duration.between(Instant.now(), due.plus(IDLE_WAIT));
        if (untilOverdue.compareTo(Duration.ofSeconds(1)) < 0) {
            untilOverdue = Duration.ofSeconds(1);
        }
        await("no round while paused, until the trigger is overdue by an idle wait").during(untilOverdue)
                .atMost(untilOverdue.plus(DEADLINE)).until(() -> rounds() == pausedRounds && firings(probe) == 0);

        control.resume(HubSchedule.EXPORT);
        control.resume(probe);

        CronExpression exportCron = new CronExpression("0 12 0/2 * * ?");
        exportCron.setTimeZone(TimeZone.getTimeZone("UTC"));
        Date expected = exportCron.getNextValidTimeAfter(new Date());
        assertThat(trigger(HubSchedule.EXPORT).state()).isEqualTo("NORMAL");
        assertThat(trigger(HubSchedule.EXPORT).nextFire()).isEqualTo(expected.toInstant());
        waitUntil(() -> rounds() > pausedRounds, "rounds again after resume");

        long exports = executions("exportJob");
        control.triggerNow(HubSchedule.EXPORT);
        awaitFiredAndGone(HubSchedule.EXPORT, () -> executions("exportJob") > exports);
        assertThat(executions("exportJob")).isEqualTo(exports + 1);
    }

    @Test
    @Order(2)
    void aTriggerFiresOnceAcrossTwoInstances() throws Exception {
        try (ChildHub second = ChildHub.start(instanceProperties(), "serve")) {
            assertThat(second.awaitLine("MMC Hub serving", 90)).as("the second instance started: %s", second.output()).isTrue();
            long exports = executions("exportJob");

            control.triggerNow(HubSchedule.EXPORT);

            awaitFiredAndGone(HubSchedule.EXPORT, () -> executions("exportJob") > exports);
            assertThat(executions("exportJob")).isEqualTo(exports + 1);
        }
    }

    /** As when a second instance starts while a round re-arms the trigger its first one had just fired. */
    @Test
    @Order(3)
    void aProbeTriggerArmedByManyAtOnceIsStoredWithoutAnError() throws Exception {
        String probe = HubSchedule.PROBE_PREFIX + validator;
        ExecutorService armers = Executors.newFixedThreadPool(ARMERS);
        try {
            for (int round = 0; round < 10; round++) {
                scheduler.unscheduleJob(new TriggerKey(probe, probe));
                CyclicBarrier together = new CyclicBarrier(ARMERS);
                List<Future<Instant>> armed = new ArrayList<>();
                for (int i = 0; i < ARMERS; i++) {
                    armed.add(armers.submit(() -> {
                        together.await();
                        return schedule.scheduleNextProbe(validator);
                    }));
                }
                for (Future<Instant> each : armed) {
                    assertThat(each.get(30, TimeUnit.SECONDS)).isNotNull();
                }
                assertThat(scheduler.checkExists(new TriggerKey(probe, probe))).isTrue();
            }
        } finally {
            armers.shutdownNow();
        }
    }

    @Test
    @Order(4)
    void aJobOfAKilledInstanceIsRecoveredByTheOther() throws Exception {
        SettlementWindow window = dueWindowsAgo(3);
        SettlementFixtures.callsIn(window, jdbc, loader);
        scheduler.standby();
        List<String> properties = new ArrayList<>(instanceProperties());
        properties.add(PauseBeforeLedger.CHILD_PROPERTY);
        try (ChildHub child = ChildHub.start(properties, "serve")) {
            assertThat(child.awaitLine("MMC Hub serving", 90)).as("the child instance started: %s", child.output()).isTrue();
            control.triggerNow(HubSchedule.SETTLEMENT);
            boolean paused = child.awaitLine(PauseBeforeLedger.PAUSED, 90);
            assertThat(paused).as(() -> "the child runs the settlement; it printed:\n" + child.output()).isTrue();
            child.kill();
        }
        assertThat(runs.latest(window)).isEmpty();

        scheduler.start();

        waitUntil(() -> runs.latest(window).isPresent(), "the recovered settlement");
        assertThat(runs.latest(window).orElseThrow().revision()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM settlement_run WHERE window_start = ?", Integer.class,
                UtcTimestamps.of(window.start()))).isEqualTo(1);
    }

    @Test
    @Order(5)
    void afterASixHourOutageOneRunSettlesTheThreeMissedWindowsInOrderAndTheNextSettlesNothing() throws Exception {
        SettlementWindow third = dueWindowsAgo(0);
        SettlementWindow second = dueWindowsAgo(1);
        SettlementWindow first = dueWindowsAgo(2);
        for (SettlementWindow window : List.of(first, second, third)) {
            SettlementFixtures.callsIn(window, jdbc, loader);
        }
        scheduler.start();

        control.triggerNow(HubSchedule.SETTLEMENT);

        waitUntil(() -> runs.latest(third).isPresent(), "the catch-up run");
        long firstId = runs.latest(first).orElseThrow().id();
        long secondId = runs.latest(second).orElseThrow().id();
        assertThat(firstId).isLessThan(secondId).isLessThan(runs.latest(third).orElseThrow().id());
        Integer settled = jdbc.queryForObject("SELECT COUNT(*) FROM settlement_run", Integer.class);
        long settlements = executions("settlementJob");

        control.triggerNow(HubSchedule.SETTLEMENT);
        awaitFiredAndGone(HubSchedule.SETTLEMENT, () -> true);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM settlement_run", Integer.class)).isEqualTo(settled);
        assertThat(executions("settlementJob")).isEqualTo(settlements);
    }

    @Test
    @Order(6)
    void aSettlementOfAKilledInstanceKilledInItsAggregationStepIsRecoveredByTheOther() throws Exception {
        // older than every window settled so far: the oldest call, where the scheduled settlement begins
        SettlementWindow window = dueWindowsAgo(12);
        SettlementFixtures.callsIn(window, jdbc, loader);
        scheduler.standby();
        String killed;
        try (HeldPartition held = HeldPartition.of(window, DB);
             ChildHub child = ChildHub.start(instanceProperties(), "serve")) {
            assertThat(child.awaitLine("MMC Hub serving", 90)).as("the child instance started: %s", child.output()).isTrue();
            control.triggerNow(HubSchedule.SETTLEMENT);
            held.awaitHeldExecution(jdbc, DEADLINE);
            killed = child.instance();
            child.kill();
        }
        assertThat(runs.latest(window)).isEmpty();

        scheduler.start();

        waitUntil(() -> runs.latest(window).isPresent(), "the recovered settlement");
        assertThat(runs.latest(window).orElseThrow().revision()).isEqualTo(1);
        // the run is stored by the last step; the execution is marked COMPLETED just after it
        waitUntil(() -> !statuses(window).contains("STARTED"), "the restart's end");
        List<JobExecutionLine> executions = executions(window);
        assertThat(executions).extracting(JobExecutionLine::status).as("the killed execution, recovered, then its restart")
                .containsExactly("FAILED", "COMPLETED");
        assertThat(executions).extracting(JobExecutionLine::instance).as("each names the instance that ran it")
                .containsExactly(killed, HubInstance.id());
        // a partition the kill caught between its start and the listener's save names no instance
        assertThat(jobs.steps(executions.get(0).id()))
                .filteredOn(step -> step.step().contains(":partition") && step.start() != null && step.instance() != null)
                .as("the partitions the killed instance started").isNotEmpty().extracting(StepExecutionLine::instance)
                .containsOnly(killed);
    }

    private List<String> statuses(SettlementWindow window) {
        return executions(window).stream().map(JobExecutionLine::status).toList();
    }

    private List<JobExecutionLine> executions(SettlementWindow window) {
        return jdbc.queryForList("SELECT e.JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_EXECUTION_PARAMS p"
                + " ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID WHERE p.PARAMETER_NAME = 'windowStart'"
                + " AND p.PARAMETER_VALUE = ? ORDER BY e.JOB_EXECUTION_ID", Long.class, window.start().toString())
                .stream().map(jobs::line).toList();
    }

    /** The last due window (0), the one before it (1), … */
    private static SettlementWindow dueWindowsAgo(int windows) {
        return SettlementWindow.containing(Instant.now().minus(GRACE).minus(PERIOD.multipliedBy(windows + 1L)), PERIOD);
    }

    private long rounds() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM probe_round WHERE validator_id = ? AND finished_at IS NOT NULL",
                Long.class, validator);
    }

    private long executions(String job) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?", Long.class, job);
    }

    private TriggerView trigger(String name) {
        return control.triggers().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    /** What another instance needs to join this one's cluster. */
    private static List<String> instanceProperties() {
        List<String> properties = new ArrayList<>(DB.datasourceProperties());
        properties.addAll(List.of("spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
                "mmc.probe.min-delay=PT2S", "mmc.probe.max-delay=PT3S", "mmc.rewards.authority-keypair=" + KEYPAIR,
                "server.port=0"));
        return properties;
    }

    private void waitUntil(Callable<Boolean> condition, String what) {
        await(what).atMost(DEADLINE).until(condition);
    }

    /**
     * Waits until {@code started} holds and the job's one-shot "fire now" trigger has fired, ended and been deleted:
     * from then on it can fire nowhere again, so counts read after it are final.
     */
    private void awaitFiredAndGone(String job, Callable<Boolean> started) {
        await("the triggered " + job + " to its end").atMost(DEADLINE).until(() -> started.call() && firings(job) == 0
                && jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE JOB_NAME = ? AND TRIGGER_NAME <> ?",
                Long.class, job, job) == 0);
    }

    /** Firings of the job's triggers acquired or running on any instance. */
    private long firings(String job) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS WHERE JOB_NAME = ?", Long.class, job);
    }
}
