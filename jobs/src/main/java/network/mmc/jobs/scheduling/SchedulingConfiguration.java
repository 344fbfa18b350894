package network.mmc.jobs.scheduling;

import java.time.Clock;
import network.mmc.jobs.probes.ProbeJobSettings;
import network.mmc.scheduler.HubSchedule;
import network.mmc.scheduler.ScheduleSettings;
import org.quartz.Scheduler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

    @Bean
    HubSchedule hubSchedule(Scheduler scheduler, SchedulerSettings settings, ProbeJobSettings probes, Clock clock) {
        return new HubSchedule(scheduler, new ScheduleSettings(settings.settlementCron(), settings.exportCron(),
                settings.stakingCron(), settings.archiveCron(), probes.minDelay(), probes.maxDelay()), clock);
    }
}
