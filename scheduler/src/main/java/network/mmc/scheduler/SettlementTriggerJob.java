package network.mmc.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Settles every due window; never two at once across the cluster. */
@DisallowConcurrentExecution
public class SettlementTriggerJob implements Job {

    private final ScheduledWork work;

    public SettlementTriggerJob(ScheduledWork work) {
        this.work = work;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            work.settleDueWindows();
        } catch (RuntimeException e) {
            throw new JobExecutionException("settlement failed: " + e.getMessage(), e, false);
        }
    }
}
