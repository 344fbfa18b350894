package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DistributionStore} must do; a store is certified by a test class extending this one. The store
 * is not shared between test classes (versions are global), but it is between the tests of one class.
 */
public abstract class DistributionStoreContract {

    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

    protected abstract WithdrawalStore withdrawals();

    protected abstract DistributionStore distributions();

    private final String alice = StoreWallets.fresh();
    private final String bob = StoreWallets.fresh();

    private void request(String wallet, long amount) {
        withdrawals().withWalletLocked(wallet, () ->
                withdrawals().append(wallet, amount, withdrawals().lastNonce(wallet) + 1, "sig", AT));
    }

    private void confirm(long version) {
        distributions().confirm(version, "signature-of-" + version, version, AT);
    }

    private void publishPending() {
        distributions().pendingVersion().ifPresent(this::confirm);
    }

    @Test
    void aNewVersionHoldsEachWalletsCumulativeRequestsAndStaysPendingUntilConfirmed() {
        publishPending();
        request(alice, 700);
        request(bob, 5);
        PlannedDistribution first = distributions().createNext(DistributionPlanner::next).orElseThrow();
        confirm(first.version());
        request(alice, 50);

        PlannedDistribution second = distributions().createNext(DistributionPlanner::next).orElseThrow();

        assertThat(second.version()).isEqualTo(first.version() + 1);
        assertThat(first.cumulative()).containsEntry(alice, 700L).containsEntry(bob, 5L);
        assertThat(second.cumulative()).containsEntry(alice, 750L).containsEntry(bob, 5L);
        assertThat(distributions().cumulative(second.version())).containsEntry(alice, 750L);
        assertThat(distributions().pendingVersion()).hasValue(second.version());
        confirm(second.version());
        assertThat(distributions().pendingVersion()).isEmpty();
    }

    @Test
    void withNothingWaitingNoVersionIsMade() {
        publishPending();
        request(alice, 1);
        confirm(distributions().createNext(DistributionPlanner::next).orElseThrow().version());

        assertThat(distributions().createNext(DistributionPlanner::next)).isEmpty();
        assertThat(distributions().pendingVersion()).isEmpty();
    }

    @Test
    void twoExportsAtOnceNeverTakeTheSameRequest() throws Exception {
        publishPending();
        request(alice, 700);
        request(bob, 5);

        CompletableFuture<Map<String, Long>> one = CompletableFuture.supplyAsync(() -> distributions()
                .createNext(DistributionPlanner::next).<Map<String, Long>>map(PlannedDistribution::cumulative).orElse(Map.of()));
        CompletableFuture<Map<String, Long>> two = CompletableFuture.supplyAsync(() -> distributions()
                .createNext(DistributionPlanner::next).<Map<String, Long>>map(PlannedDistribution::cumulative).orElse(Map.of()));

        Map<String, Long> first = one.get(60, TimeUnit.SECONDS);
        Map<String, Long> second = two.get(60, TimeUnit.SECONDS);
        // one of them took both requests; the other found none waiting, or built on the first's totals
        assertThat(Math.max(first.getOrDefault(alice, 0L), second.getOrDefault(alice, 0L))).isEqualTo(700);
        assertThat(Math.max(first.getOrDefault(bob, 0L), second.getOrDefault(bob, 0L))).isEqualTo(5);
    }
}
