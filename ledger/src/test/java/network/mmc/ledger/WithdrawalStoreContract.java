package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link WithdrawalStore} must do, the locking contract included; a store is certified by a test class
 * extending this one. Each test uses wallets of its own, so a store may be shared between tests.
 */
public abstract class WithdrawalStoreContract {

    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

    protected abstract WithdrawalStore store();

    private final String alice = StoreWallets.fresh();
    private final String bob = StoreWallets.fresh();

    @Test
    void aWalletWithoutRequestsHasNonceZeroAndRequestedNothing() {
        assertThat(store().lastNonce(alice)).isZero();
        assertThat(store().requested(alice)).isZero();
    }

    @Test
    void anAppendedRequestCountsAndItsNonceBecomesTheLast() {
        long first = store().withWalletLocked(alice, () -> store().append(alice, 700, 3, "sig-1", AT));
        long second = store().withWalletLocked(alice, () -> store().append(alice, 50, 9, "sig-2", AT));

        assertThat(second).isNotEqualTo(first);
        assertThat(store().requested(alice)).isEqualTo(750);
        assertThat(store().lastNonce(alice)).isEqualTo(9);
        assertThat(store().requested(bob)).isZero();
    }

    @Test
    void anActionThatThrowsLeavesNothingOfWhatItAppended() {
        store().withWalletLocked(alice, () -> store().append(alice, 700, 3, "sig-1", AT));

        assertThatThrownBy(() -> store().withWalletLocked(alice, () -> {
            store().append(alice, 50, 4, "sig-2", AT);
            throw new IllegalStateException("refused after the append");
        })).hasMessage("refused after the append");

        assertThat(store().requested(alice)).isEqualTo(700);
        assertThat(store().lastNonce(alice)).isEqualTo(3);
    }

    @Test
    void actionsOnOneWalletRunOneAfterTheOtherAndTheSecondSeesTheFirstsRequest() throws Exception {
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> store().withWalletLocked(alice, () -> {
            long id = store().append(alice, 700, 1, "sig-1", AT);
            firstHolds.countDown();
            await(release);
            return id;
        }));
        assertThat(firstHolds.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Long> second = CompletableFuture.supplyAsync(() -> store().withWalletLocked(alice,
                () -> store().requested(alice)));

        Thread.sleep(500);
        assertThat(second).as("the second action waits for the first").isNotDone();
        release.countDown();

        first.get(30, TimeUnit.SECONDS);
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(700);
    }

    @Test
    void actionsOnDifferentWalletsDoNotWaitForEachOther() throws Exception {
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> first = CompletableFuture.supplyAsync(() -> store().withWalletLocked(alice, () -> {
            firstHolds.countDown();
            await(release);
            return store().append(alice, 700, 1, "sig-1", AT);
        }));
        assertThat(firstHolds.await(30, TimeUnit.SECONDS)).isTrue();

        long bobs = store().withWalletLocked(bob, () -> store().append(bob, 5, 1, "sig-b", AT));

        assertThat(store().requested(bob)).isEqualTo(5);
        assertThat(first).isNotDone();
        release.countDown();
        assertThat(first.get(30, TimeUnit.SECONDS)).isNotEqualTo(bobs);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
