package network.mmc.scheduler;

import java.time.Duration;

/**
 * When the triggers fire: cron expressions in UTC for settlement, export, staking and the call-record archive, and
 * the range of the random delay between a validator's probe rounds.
 */
public record ScheduleSettings(String settlementCron, String exportCron, String stakingCron, String archiveCron,
                               Duration minProbeDelay, Duration maxProbeDelay) {

    public ScheduleSettings {
        if (minProbeDelay.isNegative() || maxProbeDelay.compareTo(minProbeDelay) < 0) {
            throw new IllegalArgumentException("probe delay range [" + minProbeDelay + ", " + maxProbeDelay + "] is empty");
        }
    }
}
