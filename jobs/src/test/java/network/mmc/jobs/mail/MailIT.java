package network.mmc.jobs.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementSettings;
import network.mmc.jobs.settlement.SettlementWriteListener;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.TimeText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Ops mail against a real SMTP server: the run summary, alerts, rollback, retries and once-only sending. */
class MailIT extends HubIntegrationTest {

    static final String OPS = "ops@example.net";
    static final String FINANCE = "finance@example.net";
    @RegisterExtension
    static final SmtpServer SMTP = new SmtpServer();
    static final Duration BACKLOG_READ = OutboxBacklogGauge.READ_EVERY.multipliedBy(3);

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        SMTP.configure(registry);
        registry.add("mmc.mail.ops-recipients", () -> OPS + "," + FINANCE);
        registry.add("mmc.mail.retry-delay", () -> "PT0S");
        registry.add("mmc.mail.max-retry-delay", () -> "PT0S");
    }

    /** Fails the write step of the next settlement after the run's mails are written, when armed. */
    @TestConfiguration
    static class FailAfterLedger {

        static final AtomicBoolean ARMED = new AtomicBoolean();

        @Bean
        @Order(1)
        SettlementWriteListener failAfterLedger() {
            return new SettlementWriteListener() {
                @Override
                public void afterLedger(long runId, SettlementWindow window) {
                    if (ARMED.getAndSet(false)) {
                        throw new IllegalStateException("test: the write step fails after the mails were written");
                    }
                }
            };
        }
    }

    @Autowired
    OutboxSender sender;
    @Autowired
    MailOutbox outbox;
    @Autowired
    JavaMailSender smtp;
    @Autowired
    MailSettings settings;
    @Autowired
    LateWindowAlerts lateWindows;
    @Autowired
    SettlementSettings settlementSettings;
    @Autowired
    Clock clock;
    @Autowired
    MeterRegistry meters;

    @Test
    void aSettlementRunSendsItsSummaryWithTheFiguresToEveryOpsRecipient() throws Exception {
        // given
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);

        // when
        SettlementRun run = settlement.settle(window);
        sender.sendDue();

        // then
        List<MimeMessage> summaries = SMTP.withSubject("window " + TimeText.format(window.start()));
        assertThat(summaries).hasSize(2);
        assertThat(summaries).flatMap(message -> List.of(message.getRecipients(Message.RecipientType.TO)))
                .map(Object::toString).containsExactlyInAnyOrder(OPS, FINANCE);
        MimeMessage summary = summaries.get(0);
        assertThat(summary.getSubject()).contains("COMPLETED").contains(MmcText.format(run.allocated()) + " MMC allocated");
        for (String part : List.of(SmtpServer.part(summary, "text/plain"), SmtpServer.part(summary, "text/html"))) {
            assertThat(part).contains(MmcText.format(run.pool()), MmcText.format(run.allocated()),
                    Long.toString(run.callCount()), TimeText.format(window.start()), TimeText.format(window.end()));
        }
        assertThat(SmtpServer.part(summary, "text/plain")).contains("Calls: " + run.callCount())
                .contains("Pool (MMC): " + MmcText.format(run.pool()));
    }

    @Test
    void aRolledBackRunLeavesNoMailAndItsFailedJobIsAlertedAndListedInTheNextSummary() throws Exception {
        // given
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        FailAfterLedger.ARMED.set(true);

        // when
        assertThatThrownBy(() -> settlement.settle(window)).hasMessageContaining("test: the write step fails");

        // then
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'OPS_SUMMARY'"
                + " AND subject LIKE ?", Integer.class, "%" + TimeText.format(window.start()) + "%")).isZero();
        Long failed = jdbc.queryForObject("SELECT MAX(JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'FAILED'",
                Long.class);
        sender.sendDue();
        List<MimeMessage> alerts = SMTP.withSubject("execution " + failed + " FAILED");
        assertThat(alerts).hasSize(2);
        assertThat(SmtpServer.part(alerts.get(0), "text/plain")).contains("test: the write step fails");

        // when the run is restarted
        SettlementRun run = settlement.settle(window);
        sender.sendDue();

        // then
        List<MimeMessage> summaries = SMTP.withSubject("window " + TimeText.format(window.start()));
        assertThat(summaries).hasSize(2);
        assertThat(SmtpServer.part(summaries.get(0), "text/plain")).contains("Settlement run " + run.id())
                .contains("job settlementJob execution " + failed + " FAILED");
    }

    @Test
    void aMessageRefusedWhileTheServerIsDownIsSentWhenItComesBack() throws Exception {
        // given
        sender.sendDue();
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        settlement.settle(window);
        String subject = "window " + TimeText.format(window.start());
        SMTP.stop();

        // when
        int sentWhileDown;
        try {
            sentWhileDown = sender.sendDue();
        } finally {
            SMTP.start();
        }

        // then
        assertThat(sentWhileDown).isZero();
        assertThat(jdbc.queryForList("SELECT status FROM mail_outbox WHERE kind = 'OPS_SUMMARY' AND subject LIKE ?"
                + " AND attempts = 1 AND last_error IS NOT NULL", String.class, "%" + subject + "%"))
                .containsExactly("PENDING", "PENDING");

        // when
        sender.sendDue();

        // then
        assertThat(SMTP.withSubject(subject)).hasSize(2);
        assertThat(jdbc.queryForList("SELECT status FROM mail_outbox WHERE kind = 'OPS_SUMMARY' AND subject LIKE ?",
                String.class, "%" + subject + "%")).containsExactly("SENT", "SENT");
    }

    @Test
    void twoSendersOverOneOutboxSendEachMessageOnceAndARestartSendsNothingAgain() throws Exception {
        // given
        sender.sendDue();
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        settlement.settle(window);
        OutboxSender otherInstance = new OutboxSender(outbox, smtp, settings, clock);

        // when
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(sender::sendDue);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(otherInstance::sendDue);
        int sent = first.get() + second.get();
        int afterRestart = new OutboxSender(outbox, smtp, settings, clock).sendDue();

        // then
        assertThat(sent).isGreaterThanOrEqualTo(2);
        assertThat(afterRestart).isZero();
        assertThat(SMTP.withSubject("window " + TimeText.format(window.start()))).hasSize(2);
    }

    @Test
    void aMessageWhoseSenderStoppedWhileSendingIsMarkedUnknownNotSentAgain() {
        // given
        sender.sendDue();
        String key = "test:" + System.nanoTime();
        outbox.add(OutboxMail.of(key, OPS, MailKind.OPS_SUMMARY, "claimed " + key, new MailBody().paragraph("x")),
                clock.instant());
        assertThat(outbox.claimNext(clock.instant().plusSeconds(1), clock.instant())).hasValueSatisfying(claimed ->
                assertThat(claimed.mail().subjectKey()).isEqualTo(key));

        // when a sender starts after the claim timeout
        Clock later = Clock.offset(clock, settings.claimTimeout().plusSeconds(1));
        int sent = new OutboxSender(outbox, smtp, settings, later).sendDue();

        // then
        assertThat(sent).isZero();
        assertThat(SMTP.withSubject("claimed " + key)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT status FROM mail_outbox WHERE subject_key = ?", String.class, key))
                .isEqualTo("UNKNOWN");
    }

    @Test
    void theBacklogGaugeCountsTheMailsNotSentYet() {
        // given
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        sender.sendDue();
        long waitingBefore = jdbc.queryForObject("SELECT COUNT(*) FROM mail_outbox WHERE status IN ('PENDING', 'SENDING')",
                Long.class);

        // when the run writes its summary to the two ops recipients, then they are sent
        settlement.settle(window);
        // a count is reused for a few seconds: wait for the next reading rather than for a fixed time
        await().atMost(BACKLOG_READ).until(() -> backlog() == waitingBefore + 2);
        sender.sendDue();

        // then
        await().atMost(BACKLOG_READ).until(() -> backlog() == jdbc.queryForObject(
                "SELECT COUNT(*) FROM mail_outbox WHERE status IN ('PENDING', 'SENDING')", Long.class));
        assertThat(backlog()).isLessThanOrEqualTo(waitingBefore);
    }

    private double backlog() {
        return meters.get("mmc.mail.outbox.backlog").gauge().value();
    }

    @Test
    void aWindowNotSettledByItsDeadlineIsAlertedOncePerRecipient() {
        // given a window with calls that nobody settles
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        Instant due = window.end().plus(settlementSettings.grace());
        Instant deadline = due.plus(settings.settlementDeadline());
        String key = "late-window:" + window.start();

        // when
        lateWindows.check(deadline.minusSeconds(1));

        // then
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM mail_outbox WHERE subject_key = ?", Integer.class, key))
                .isZero();

        // when
        lateWindows.check(deadline);
        lateWindows.check(deadline.plusSeconds(60));

        // then
        assertThat(jdbc.queryForList("SELECT recipient FROM mail_outbox WHERE subject_key = ? AND kind = 'WINDOW_LATE'",
                String.class, key)).containsExactlyInAnyOrder(OPS, FINANCE);
    }
}
