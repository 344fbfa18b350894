package network.mmc.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Publishes waiting withdrawals; never two exports at once across the cluster. */
@DisallowConcurrentExecution
public class ExportTriggerJob implements Job {

    private final ScheduledWork work;

    public ExportTriggerJob(ScheduledWork work) {
        this.work = work;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            work.exportDistributions();
        } catch (RuntimeException e) {
            throw new JobExecutionException("export failed: " + e.getMessage(), e, false);
        }
    }
}
