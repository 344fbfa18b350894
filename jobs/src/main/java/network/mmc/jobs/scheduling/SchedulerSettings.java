package network.mmc.jobs.scheduling;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code mmc.scheduler.*}: the UTC cron expressions of the settlement, export and archive triggers. */
@ConfigurationProperties("mmc.scheduler")
record SchedulerSettings(String settlementCron, String exportCron, String archiveCron) {
}
