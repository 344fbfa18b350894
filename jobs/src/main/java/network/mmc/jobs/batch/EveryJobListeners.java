package network.mmc.jobs.batch;

import java.util.List;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Gives every job the listeners that all jobs share ({@link JobRunLog}, and the job listeners other parts of the
 * Hub declare as beans, such as mail's failure alerts), so that no job can be built without them.
 */
@Component
class EveryJobListeners implements BeanPostProcessor {

    private final ObjectProvider<JobExecutionListener> shared;

    EveryJobListeners(ObjectProvider<JobExecutionListener> shared) {
        this.shared = shared;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(new JobRunLog());
            // looked up when a job ends, not now: a post-processor that created beans here would leave them unprocessed
            job.registerJobExecutionListener(new JobExecutionListener() {
                @Override
                public void afterJob(JobExecution execution) {
                    List<JobExecutionListener> listeners = shared.orderedStream().toList();
                    listeners.forEach(listener -> listener.afterJob(execution));
                }
            });
        }
        return bean;
    }
}
