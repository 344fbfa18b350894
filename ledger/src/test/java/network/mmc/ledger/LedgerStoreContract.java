package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LedgerStore} must do; a store is certified by a test class extending this one. Each test uses
 * wallets and windows of its own, so a store may be shared between tests.
 */
public abstract class LedgerStoreContract {

    protected abstract LedgerStore store();

    /** A run of the window and revision as the run store holds it (lines refer to it); its id. */
    protected abstract long newRun(Instant windowStart, int revision);

    /** Runs {@code work} as one unit of work of the store (a transaction, for a database). */
    protected abstract void inUnitOfWork(Runnable work);

    private final Instant window = Instant.parse("2001-01-01T00:00:00Z")
            .plus(Duration.ofHours(2L * ThreadLocalRandom.current().nextInt(1_000_000)));

    private final String alice = StoreWallets.fresh();
    private final String bob = StoreWallets.fresh();

    private PostedRun run(Instant windowStart, int revision) {
        return new PostedRun(newRun(windowStart, revision), windowStart, revision, Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void aWalletWithNoLineHasSettledNothing() {
        assertThat(store().settled(alice)).isZero();
        assertThat(store().hasEntries(alice)).isFalse();
        assertThat(store().postedBefore(window, 2)).isEmpty();
    }

    @Test
    void settledIsTheSumOfTheWalletsLinesOverWindowsAndRevisions() {
        inUnitOfWork(() -> store().append(run(window, 1), List.of(
                new LedgerEntry(alice, EntryType.ACCRUAL, 700), new LedgerEntry(bob, EntryType.ACCRUAL, 300))));
        inUnitOfWork(() -> store().append(run(window, 2), List.of(new LedgerEntry(alice, EntryType.CORRECTION, -250))));
        inUnitOfWork(() -> store().append(run(window.plus(Duration.ofHours(2)), 1),
                List.of(new LedgerEntry(alice, EntryType.ACCRUAL, 40))));

        assertThat(store().settled(alice)).isEqualTo(490);
        assertThat(store().settled(bob)).isEqualTo(300);
        assertThat(store().hasEntries(alice)).isTrue();
    }

    @Test
    void postedBeforeSumsTheWindowsEarlierRevisionsOnly() {
        inUnitOfWork(() -> store().append(run(window, 1), List.of(
                new LedgerEntry(alice, EntryType.ACCRUAL, 700), new LedgerEntry(bob, EntryType.ACCRUAL, 300))));
        inUnitOfWork(() -> store().append(run(window, 2), List.of(new LedgerEntry(alice, EntryType.CORRECTION, -250))));
        inUnitOfWork(() -> store().append(run(window, 3), List.of(new LedgerEntry(bob, EntryType.CORRECTION, -300))));
        inUnitOfWork(() -> store().append(run(window.minus(Duration.ofHours(2)), 1),
                List.of(new LedgerEntry(alice, EntryType.ACCRUAL, 40))));

        assertThat(store().postedBefore(window, 2)).isEqualTo(Map.of(alice, 700L, bob, 300L));
        assertThat(store().postedBefore(window, 3)).isEqualTo(Map.of(alice, 450L, bob, 300L));
        assertThat(store().postedBefore(window, 4)).isEqualTo(Map.of(alice, 450L, bob, 0L));
        assertThat(store().postedBefore(window, 1)).isEmpty();
    }

    @Test
    void linesOfAUnitOfWorkThatFailsAreNotStored() {
        assertThatThrownBy(() -> inUnitOfWork(() -> {
            store().append(run(window, 1), List.of(new LedgerEntry(alice, EntryType.ACCRUAL, 700)));
            throw new IllegalStateException("the run's COMPLETED mark could not be written");
        })).hasMessageContaining("COMPLETED mark");

        assertThat(store().settled(alice)).isZero();
        assertThat(store().hasEntries(alice)).isFalse();
    }
}
