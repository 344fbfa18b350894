package network.mmc.jobs.mail;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import network.mmc.jobs.batch.JobRunLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Alerts ops to every job execution that ends FAILED (every job has this listener, as it has {@link JobRunLog}).
 * The alert is written once per execution and recipient; the next run summary lists it again.
 */
@Component
@ConditionalOnMail
public class FailedJobAlerts implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(FailedJobAlerts.class);

    private final MailOutbox outbox;
    private final MailSettings settings;
    private final String hubId;
    private final Clock clock;

    FailedJobAlerts(MailOutbox outbox, MailSettings settings, @Value("${mmc.hub-id}") String hubId, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.hubId = hubId;
        this.clock = clock;
    }

    @Override
    public void afterJob(JobExecution execution) {
        if (execution.getStatus() != BatchStatus.FAILED || settings.opsRecipients().isEmpty()) {
            return;
        }
        String job = execution.getJobInstance().getJobName();
        String subject = "[" + hubId + "] job " + job + " execution " + execution.getId() + " FAILED";
        String parameters = execution.getJobParameters().getIdentifyingParameters().stream()
                .map(parameter -> parameter.name() + "=" + parameter.value()).sorted().collect(Collectors.joining(" "));
        MailBody body = new MailBody()
                .paragraph("Job " + job + " execution " + execution.getId() + " ended FAILED.")
                .fields(List.of(new String[]{"Parameters", parameters.isEmpty() ? "none" : parameters},
                        new String[]{"Cause", JobRunLog.reason(execution)}))
                .paragraph("Restart it with mmc-hub jobs restart, or look at mmc-hub jobs list.");
        // the job has ended: a failure to write the alert must not change its outcome
        try {
            for (String recipient : settings.opsRecipients()) {
                outbox.add(OutboxMail.of("job-execution:" + execution.getId(), recipient, MailKind.JOB_FAILED, subject,
                        body), clock.instant());
            }
        } catch (RuntimeException e) {
            log.error("the alert for {} could not be written to the mail outbox: {}", subject, JobRunLog.oneLine(e));
        }
    }
}
