package network.mmc.jobs.claims;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import network.mmc.jobs.batch.JobRunLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The claim loop of {@code serve}: every {@code mmc.claims.recovery-interval}, claims not yet seen paid (the Hub
 * stopped between sending and recording, a confirmation was lost, the cluster did not answer) are checked on chain
 * and finished: confirmed when a payout landed, paid again only once every earlier payout expired without landing.
 * Only {@code serve} starts it; every instance of a cluster may run it: each wallet's claims are paid under its lock.
 */
@Component
public class ClaimRecovery implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClaimRecovery.class);

    private final ClaimService claims;
    private final ClaimSettings settings;
    private ScheduledExecutorService loop;

    ClaimRecovery(ClaimService claims, ClaimSettings settings) {
        this.claims = claims;
        this.settings = settings;
    }

    public synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "claim-recovery");
            thread.setDaemon(true);
            return thread;
        });
        loop.scheduleWithFixedDelay(this::once, 0, settings.recoveryInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void once() {
        // an exception would end a scheduled task for good: a database outage only skips a turn
        try {
            claims.recover().forEach(claim -> log.info("claim #{} of {}: {}{}", claim.id(), claim.wallet(),
                    claim.status(), claim.paid() ? " in transaction " + claim.transaction() : ", " + claim.lastError()));
        } catch (RuntimeException e) {
            log.warn("claims: this turn failed, the next one tries again: {}", JobRunLog.oneLine(e));
        }
    }

    @Override
    public synchronized void destroy() {
        if (loop != null) {
            loop.shutdownNow();
        }
    }
}
