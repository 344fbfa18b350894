package network.mmc.jobs.mail;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.mmc.jobs.batch.JobRunLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The mail loop of {@code serve}: every {@code mmc.mail.send-interval}, alerts for late windows, then the outbox
 * is sent. Only {@code serve} starts it; the other commands write to the outbox and leave the sending to it. Every
 * instance of a cluster runs it: the outbox's claims keep each message to one sender.
 */
@Component
@ConditionalOnMail
public class MailWork implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MailWork.class);

    private final LateWindowAlerts lateWindows;
    private final OutboxSender sender;
    private final MailSettings settings;
    private ScheduledExecutorService loop;

    MailWork(LateWindowAlerts lateWindows, OutboxSender sender, MailSettings settings) {
        this.lateWindows = lateWindows;
        this.sender = sender;
        this.settings = settings;
    }

    public synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mail-sender");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.sendInterval().toMillis();
        loop.scheduleWithFixedDelay(this::once, 0, interval, TimeUnit.MILLISECONDS);
    }

    private void once() {
        // an exception would end a scheduled task for good: a database outage only skips a turn
        try {
            lateWindows.check();
            sender.sendDue();
        } catch (RuntimeException e) {
            log.warn("mail: this turn failed, the next one tries again: {}", JobRunLog.oneLine(e));
        }
    }

    @Override
    public synchronized void destroy() {
        if (loop != null) {
            loop.shutdownNow();
        }
    }
}
