package network.mmc.jobs.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import network.mmc.jobs.settlement.SettlementWriteListener;
import network.mmc.settlement.SettlementWindow;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Holds the first settlement of its Hub inside the write transaction, with the node rows written and the ledger not
 * yet, until {@link #release()} (or a kill). Only under the Spring profile {@value #PROFILE}, which only tests set:
 * {@code @ActiveProfiles} in a test, {@link #CHILD_PROPERTY} for a {@link ChildHub}, which then prints
 * {@value #PAUSED}.
 */
@Component
@Profile(PauseBeforeLedger.PROFILE)
public class PauseBeforeLedger implements SettlementWriteListener {

    public static final String PROFILE = "pause-before-ledger";
    public static final String CHILD_PROPERTY = "spring.profiles.active=" + PROFILE;
    public static final String PAUSED = "test: settlement paused before the ledger";

    private final JdbcTemplate jdbc;
    private volatile Hold hold = new Hold();
    private volatile long settlingConnection;

    /** One pause: the first settlement after {@link #arm()} (or after start-up) is held, later ones pass. */
    private static final class Hold {
        final AtomicBoolean armed = new AtomicBoolean(true);
        final CountDownLatch paused = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);
    }

    PauseBeforeLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Holds the next settlement: tests that share a cached application context each arm it, or the pause would
     * already be spent by the test that ran first.
     */
    public void arm() {
        hold = new Hold();
    }

    @Override
    public void beforeLedger(SettlementWindow window) {
        Hold current = hold;
        if (!current.armed.getAndSet(false)) {
            return;
        }
        // inside the write transaction: the connection that holds it
        settlingConnection = jdbc.queryForObject("SELECT CONNECTION_ID()", Long.class);
        System.out.println(PAUSED);
        current.paused.countDown();
        try {
            if (!current.released.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the test never released the settlement of " + window);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while paused before the ledger", e);
        }
    }

    /** Waits until the settlement is paused; false when {@code timeout} passed first. */
    public boolean awaitPaused(Duration timeout) throws InterruptedException {
        return hold.paused.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The database connection id of the paused write transaction. */
    public long settlingConnection() {
        return settlingConnection;
    }

    public void release() {
        hold.released.countDown();
    }
}
