package network.mmc.jobs.batch;

import java.util.List;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Gives every job the listeners that all jobs share ({@link JobRunLog}, {@link RunOwnerListener} on the job and its
 * steps, and the job listeners other parts of the Hub declare as beans, such as mail's failure alerts), so that no
 * job can be built without them, whatever launches it.
 */
@Component
class EveryJobListeners implements BeanPostProcessor {

    private final ObjectProvider<JobExecutionListener> shared;
    private final ObjectProvider<JobRepository> jobRepository;

    EveryJobListeners(ObjectProvider<JobExecutionListener> shared, ObjectProvider<JobRepository> jobRepository) {
        this.shared = shared;
        this.jobRepository = jobRepository;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(new JobRunLog());
            // the job was built with the repository: it exists already, this creates nothing
            RunOwnerListener owner = new RunOwnerListener(jobRepository.getObject());
            job.registerJobExecutionListener(owner);
            // the steps a job lists run in its process; a partition runs where its handler sends it, and records so
            job.getStepNames().stream().map(job::getStep).filter(AbstractStep.class::isInstance)
                    .forEach(step -> ((AbstractStep) step).registerStepExecutionListener(owner));
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
