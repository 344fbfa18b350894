package network.mmc.scheduler;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.ThreadLocalRandom;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.JobPersistenceException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

/**
 * The Hub's triggers in the (clustered) Quartz store, and the ops operations on them.
 * <ul>
 * <li>{@code settlement}: cron, UTC, a little after every even hour. Misfire: fire once now and proceed; the
 * job settles every due window oldest first, so one late fire catches up any number of missed windows.</li>
 * <li>{@code export}: cron, after each settlement; same misfire policy (one export publishes everything waiting).</li>
 * <li>{@code staking}: cron; syncs the stake vault and pays back due unstakes; same misfire policy (one run catches
 * up everything).</li>
 * <li>{@code archive}: cron, UTC, once a day; same misfire policy (one archive run takes every window due).</li>
 * <li>{@code probe-<validator>}: one-shot, re-armed by each round at now + a secure random delay in
 * [min, max]. Misfire: fire now.</li>
 * </ul>
 * Every job requests recovery: when the instance running it dies, another instance of the cluster re-runs it.
 * Jobs live in group {@value #GROUP}; each trigger has the job's name and a group of that name.
 */
public final class HubSchedule {

    public static final String GROUP = "mmc";
    public static final String SETTLEMENT = "settlement";
    public static final String EXPORT = "export";
    public static final String STAKING = "staking";
    public static final String ARCHIVE = "archive";
    public static final String PROBE_PREFIX = "probe-";
    static final String VALIDATOR_ID = "validatorId";
    private static final int STORE_ATTEMPTS = 6;
    private static final long RETRY_PAUSE_MILLIS = 40;

    private final Scheduler scheduler;
    private final ScheduleSettings settings;
    private final ProbeDelays delays;
    private final Clock clock;

    public HubSchedule(Scheduler scheduler, ScheduleSettings settings, Clock clock) {
        this.scheduler = scheduler;
        this.settings = settings;
        this.delays = new ProbeDelays(settings.minProbeDelay(), settings.maxProbeDelay());
        this.clock = clock;
    }

    /** Creates what is missing (idempotent across instances) and applies changed cron expressions. */
    public void install(List<String> validators) {
        if (installCron(SETTLEMENT, SettlementTriggerJob.class, settings.settlementCron())) {
            // windows that fell due before any schedule existed are not misfires: catch them up now
            triggerNow(SETTLEMENT);
        }
        installCron(EXPORT, ExportTriggerJob.class, settings.exportCron());
        installCron(STAKING, StakingTriggerJob.class, settings.stakingCron());
        installCron(ARCHIVE, ArchiveTriggerJob.class, settings.archiveCron());
        for (String validator : validators) {
            JobDetail job = job(PROBE_PREFIX + validator, ProbeTriggerJob.class);
            job.getJobDataMap().put(VALIDATOR_ID, validator);
            call(() -> {
                addIfAbsent(job);
                storeIfAbsent(probeTrigger(validator, clock.instant().plus(delays.next())));
                return null;
            });
        }
    }

    /** True when this call created the trigger. */
    private boolean installCron(String name, Class<? extends Job> type, String cron) {
        return call(() -> {
            JobDetail job = job(name, type);
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(triggerKey(name)).forJob(job.getKey())
                    .withSchedule(CronScheduleBuilder.cronSchedule(cron).inTimeZone(TimeZone.getTimeZone("UTC"))
                            .withMisfireHandlingInstructionFireAndProceed())
                    .build();
            addIfAbsent(job);
            Trigger existing = scheduler.getTrigger(trigger.getKey());
            if (existing == null) {
                return storeIfAbsent(trigger);
            }
            if (existing instanceof CronTrigger current && !current.getCronExpression().equals(cron)) {
                scheduler.rescheduleJob(trigger.getKey(), trigger);
            }
            return false;
        });
    }

    /** Adds the job unless it exists, whichever instance added it. */
    private void addIfAbsent(JobDetail job) throws SchedulerException {
        retried(() -> {
            if (!scheduler.checkExists(job.getKey())) {
                scheduler.addJob(job, false, true);
            }
            return null;
        });
    }

    /** True when this call stored the trigger, false when another instance stored one under its key first. */
    private boolean storeIfAbsent(Trigger trigger) throws SchedulerException {
        return retried(() -> {
            if (scheduler.checkExists(trigger.getKey())) {
                return false;
            }
            scheduler.scheduleJob(trigger);
            return true;
        });
    }

    /**
     * Runs a read or write of the store again when it fails on what another instance or thread did at the same moment.
     * Called outside a transaction, Quartz's row lock does not keep them apart: a write may find a key free and then
     * fail on it, or a read find a trigger between the two statements that replace it. After a random pause, longer
     * each time, so that two that collided do not again, each sees the other's change complete.
     */
    private static <T> T retried(SchedulerCall<T> call) throws SchedulerException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (JobPersistenceException e) {
                if (attempt == STORE_ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(RETRY_PAUSE_MILLIS * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static JobDetail job(String name, Class<? extends Job> type) {
        return JobBuilder.newJob(type).withIdentity(new JobKey(name, GROUP)).storeDurably().requestRecovery().build();
    }

    /** Arms the validator's probe trigger at now + a random delay; returns when it will fire. */
    public Instant scheduleNextProbe(String validator) {
        Instant next = clock.instant().plus(delays.next());
        Trigger trigger = probeTrigger(validator, next);
        call(() -> retried(() -> {
            if (scheduler.rescheduleJob(trigger.getKey(), trigger) == null) {
                scheduler.scheduleJob(trigger);
            }
            return null;
        }));
        return next;
    }

    private static Trigger probeTrigger(String validator, Instant at) {
        return TriggerBuilder.newTrigger().withIdentity(triggerKey(PROBE_PREFIX + validator))
                .forJob(new JobKey(PROBE_PREFIX + validator, GROUP)).startAt(Date.from(at))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
                .build();
    }

    public List<TriggerView> list() {
        return call(() -> {
            List<TriggerView> views = new ArrayList<>();
            for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                // the job's own trigger, not one-shot "fire now" or recovery triggers
                Trigger trigger = retried(() -> scheduler.getTrigger(triggerKey(job.getName())));
                if (trigger != null) {
                    views.add(new TriggerView(job.getName(), job.getName(), scheduler.getTriggerState(trigger.getKey()).name(),
                            instant(trigger.getPreviousFireTime()), instant(trigger.getNextFireTime()),
                            trigger instanceof CronTrigger cron ? "cron " + cron.getCronExpression() + " UTC"
                                    : "once (re-armed each round)"));
                }
            }
            views.sort((a, b) -> a.name().compareTo(b.name()));
            return views;
        });
    }

    /**
     * Pauses the trigger's group (each trigger has a group of its own): Quartz remembers a paused group, so a
     * probe trigger re-armed by a round that was running when ops paused it is stored paused too.
     */
    public void pause(String name) {
        call(() -> {
            scheduler.pauseTriggers(GroupMatcher.triggerGroupEquals(existing(name).getName()));
            return null;
        });
    }

    public void resume(String name) {
        call(() -> {
            scheduler.resumeTriggers(GroupMatcher.triggerGroupEquals(existing(name).getName()));
            return null;
        });
    }

    /** Fires the trigger's job once, now, on whichever instance of the cluster acquires it first. */
    public void triggerNow(String name) {
        call(() -> {
            scheduler.triggerJob(existing(name));
            return null;
        });
    }

    /**
     * The job behind trigger {@code name} (they share the name). Checked on the job, which always exists, because a
     * probe trigger is briefly absent while a round re-arms it.
     */
    private JobKey existing(String name) throws SchedulerException {
        JobKey job = new JobKey(name, GROUP);
        if (!scheduler.checkExists(job)) {
            throw new IllegalArgumentException("no trigger named '" + name + "'; known: "
                    + list().stream().map(TriggerView::name).toList());
        }
        return job;
    }

    private static TriggerKey triggerKey(String name) {
        return new TriggerKey(name, name);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private interface SchedulerCall<T> {
        T run() throws SchedulerException;
    }

    private static <T> T call(SchedulerCall<T> call) {
        try {
            return call.run();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler refused: " + e.getMessage(), e);
        }
    }
}
