package network.mmc.jobs.scheduling;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code mmc.scheduler.*}: the UTC cron expressions of the settlement and export triggers. */
@ConfigurationProperties("mmc.scheduler")
record SchedulerSettings(String settlementCron, String exportCron) {
}
