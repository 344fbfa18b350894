package network.mmc.scheduler;

import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;

/**
 * One validator's probe round, then its trigger is re-armed at a random delay. A recovered execution (its
 * instance died) keeps the original fire time, hence the same round id: the round resumes, not restarts.
 */
@DisallowConcurrentExecution
public class ProbeTriggerJob implements Job {

    private final ScheduledWork work;
    private final HubSchedule schedule;

    public ProbeTriggerJob(ScheduledWork work, HubSchedule schedule) {
        this.work = work;
        this.schedule = schedule;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String validator = context.getMergedJobDataMap().getString(HubSchedule.VALIDATOR_ID);
        Instant firedFor = context.getScheduledFireTime().toInstant();
        if (context.isRecovering()) {
            String original = context.getMergedJobDataMap().getString(Scheduler.FAILED_JOB_ORIGINAL_TRIGGER_FIRETIME_IN_MILLISECONDS);
            if (original != null) {
                firedFor = Instant.ofEpochMilli(Long.parseLong(original));
            }
        }
        try {
            work.probeRound(validator, firedFor);
        } catch (RuntimeException e) {
            throw new JobExecutionException("probe round of " + validator + " failed: " + e.getMessage(), e, false);
        } finally {
            schedule.scheduleNextProbe(validator);
        }
    }
}
