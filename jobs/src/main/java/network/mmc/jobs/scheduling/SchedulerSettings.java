package network.mmc.jobs.scheduling;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code mmc.scheduler.*}: the UTC cron expressions of the settlement, export, staking and archive triggers. */
@ConfigurationProperties("mmc.scheduler")
record SchedulerSettings(String settlementCron, String exportCron, String stakingCron, String archiveCron) {
}
