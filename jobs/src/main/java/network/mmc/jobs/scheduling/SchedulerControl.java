package network.mmc.jobs.scheduling;

import java.util.List;
import network.mmc.scheduler.HubSchedule;
import network.mmc.scheduler.ScheduledWork;
import network.mmc.scheduler.TriggerView;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.stereotype.Service;

/** Installs the triggers, starts the scheduler for {@code serve}, and the ops operations on triggers. */
@Service
public class SchedulerControl {

    private final Scheduler scheduler;
    private final HubSchedule schedule;
    private final ScheduledWork work;

    SchedulerControl(Scheduler scheduler, HubSchedule schedule, ScheduledWork work) {
        this.scheduler = scheduler;
        this.schedule = schedule;
        this.work = work;
    }

    /** Makes sure every trigger exists (one probe trigger per registered validator) and starts firing. */
    public void start() {
        install();
        try {
            scheduler.start();
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler did not start: " + e.getMessage(), e);
        }
    }

    /** Creates missing triggers (a validator registered since the last start gets its probe trigger). */
    public void install() {
        schedule.install(work.validators());
    }

    public List<TriggerView> triggers() {
        return schedule.list();
    }

    public void pause(String name) {
        schedule.pause(name);
    }

    public void resume(String name) {
        schedule.resume(name);
    }

    public void triggerNow(String name) {
        schedule.triggerNow(name);
    }

    /** Whether this instance fires triggers, its cluster id, and whether the store is clustered. */
    public SchedulerState state() {
        try {
            return new SchedulerState(scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown(),
                    scheduler.getSchedulerInstanceId(), scheduler.getMetaData().isJobStoreClustered(),
                    scheduler.getMetaData().getJobStoreClass().getSimpleName());
        } catch (SchedulerException e) {
            throw new IllegalStateException("the scheduler cannot be read: " + e.getMessage(), e);
        }
    }

    /** The scheduler as the health endpoint and ops see it. */
    public record SchedulerState(boolean firing, String instanceId, boolean clustered, String jobStore) {
    }
}
