package network.mmc.jobs.batch;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/** Gives every job the listeners that all jobs share ({@link JobRunLog}), so that no job can be built without them. */
@Component
class EveryJobListeners implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(new JobRunLog());
        }
        return bean;
    }
}
