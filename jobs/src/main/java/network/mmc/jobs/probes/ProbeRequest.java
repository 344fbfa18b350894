package network.mmc.jobs.probes;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * One round of one validator. The round id identifies the {@code probeJob} instance: starting the same id
 * again restarts that round (it probes only the nodes it has not probed yet).
 */
public record ProbeRequest(String roundId, String validatorId, Duration timeout) {

    static final String ROUND_ID = "roundId";
    static final String VALIDATOR_ID = "validatorId";
    static final String TIMEOUT = "timeout";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    /** {@code probe-<UTC millisecond>-<first 8 characters of the validator id>}: the same fire time gives the same round. */
    public static String roundId(String validatorId, Instant firedAt) {
        return "probe-" + STAMP.format(firedAt) + "-" + validatorId.substring(0, Math.min(8, validatorId.length()));
    }

    JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(ROUND_ID, roundId)
                .addString(VALIDATOR_ID, validatorId, false);
        if (timeout != null) {
            builder.addString(TIMEOUT, timeout.toString(), false);
        }
        return builder.toJobParameters();
    }
}
