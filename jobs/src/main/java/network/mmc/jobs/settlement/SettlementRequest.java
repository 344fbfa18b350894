package network.mmc.jobs.settlement;

import java.time.Duration;
import java.time.Instant;
import network.mmc.settlement.SettlementWindow;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/** The identifying parameters of a settlement run, plus the reason and operator of a manual re-run. */
record SettlementRequest(SettlementWindow window, int revision, String reason, String operator) {

    static final String WINDOW_START = "windowStart";
    static final String REVISION = "revision";

    JobParameters toJobParameters() {
        JobParametersBuilder builder = new JobParametersBuilder()
                .addString(WINDOW_START, window.start().toString())
                .addLong(REVISION, (long) revision);
        if (reason != null) {
            builder.addString("reason", reason, false).addString("operator", operator, false);
        }
        return builder.toJobParameters();
    }

    static SettlementRequest from(JobParameters parameters, Duration period) {
        Instant start = Instant.parse(parameters.getString(WINDOW_START));
        return new SettlementRequest(new SettlementWindow(start, start.plus(period)),
                parameters.getLong(REVISION).intValue(), parameters.getString("reason"), parameters.getString("operator"));
    }
}
