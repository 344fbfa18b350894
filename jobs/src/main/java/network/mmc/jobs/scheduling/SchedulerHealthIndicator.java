package network.mmc.jobs.scheduling;

import network.mmc.jobs.batch.HubInstance;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "scheduler": UP with the Hub instance (host:pid), the scheduler's instance id,
 * clustering and triggers. A CLI process (which never starts the scheduler) reports it as not firing, which is not a
 * failure.
 */
@Component("scheduler")
class SchedulerHealthIndicator extends AbstractHealthIndicator {

    private final SchedulerControl control;

    SchedulerHealthIndicator(SchedulerControl control) {
        this.control = control;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        SchedulerControl.SchedulerState state = control.state();
        // the process, as jobs list and jobs show name it, beside Quartz's id for it: which instance answered
        builder.up().withDetail("hubInstance", HubInstance.id()).withDetail("firing", state.firing())
                .withDetail("instanceId", state.instanceId())
                .withDetail("clustered", state.clustered()).withDetail("jobStore", state.jobStore())
                .withDetail("triggers", control.triggers());
    }
}
