package network.mmc.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** Archives the call records of old settled windows; never two archives at once across the cluster. */
@DisallowConcurrentExecution
public class ArchiveTriggerJob implements Job {

    private final ScheduledWork work;

    public ArchiveTriggerJob(ScheduledWork work) {
        this.work = work;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            work.archiveCallRecords();
        } catch (RuntimeException e) {
            throw new JobExecutionException("archive failed: " + e.getMessage(), e, false);
        }
    }
}
