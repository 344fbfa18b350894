package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** What every {@link RunStore} must do; a store is certified by a test class extending this one. */
public abstract class RunStoreContract {

    protected abstract RunStore store();

    /** Stores a run of the window and revision that completed, or one that did not (failed, or still running). */
    protected abstract void storeRun(Instant windowStart, int revision, boolean completed);

    private final Instant window = Instant.parse("1980-01-01T00:00:00Z")
            .plus(Duration.ofHours(2L * ThreadLocalRandom.current().nextInt(1_000_000)));

    @Test
    void aWindowWithoutRunsHasNoCompletedRevision() {
        assertThat(store().latestCompletedRevision(window)).isEmpty();
    }

    @Test
    void theLatestCompletedRevisionCountsAndRunsOfOtherWindowsDoNot() {
        storeRun(window, 1, true);
        storeRun(window, 2, true);
        storeRun(window.plus(Duration.ofHours(2)), 5, true);

        assertThat(store().latestCompletedRevision(window)).hasValue(2);
    }

    @Test
    void aRevisionThatDidNotCompleteDoesNotCount() {
        storeRun(window, 1, true);
        storeRun(window, 2, false);

        assertThat(store().latestCompletedRevision(window)).hasValue(1);
    }
}
