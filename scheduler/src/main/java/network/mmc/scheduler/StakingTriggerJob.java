package network.mmc.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Syncs the stake vault and pays back due unstakes; never two at once across the cluster. */
@DisallowConcurrentExecution
public class StakingTriggerJob implements Job {

    private final ScheduledWork work;

    public StakingTriggerJob(ScheduledWork work) {
        this.work = work;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            work.stakingRound();
        } catch (RuntimeException e) {
            throw new JobExecutionException("staking round failed: " + e.getMessage(), e, false);
        }
    }
}
