package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import network.mmc.ledger.LedgerStep.ConcurrentWithdrawals;
import network.mmc.ledger.LedgerStep.Export;
import network.mmc.ledger.LedgerStep.Publish;
import network.mmc.ledger.LedgerStep.Settle;
import network.mmc.ledger.LedgerStep.Withdraw;
import network.mmc.ledger.WithdrawalRefusedException.Reason;
import network.mmc.settlement.NodeSettlement;

/**
 * Runs steps against the domain over some stores and against {@link LedgerModel}, and checks after every step that
 * they agree and that the money invariants hold: no accepted request beyond what the wallet was settled at that
 * moment, cumulative amounts that never decrease between versions, every window's lines summing to its latest
 * allocation, and Σ (withdrawable + requested) = Σ settled.
 */
public final class LedgerModelRun {

    public static final int WALLETS = 3;
    public static final int WINDOWS = 4;

    /** Stores the completed run rows ledger lines refer to. */
    @FunctionalInterface
    public interface NewRuns {
        long newRun(Instant windowStart, int revision);
    }

    /** @param newRuns stores a completed run in {@code runs} */
    public record Stores(LedgerStore ledger, WithdrawalStore withdrawals, DistributionStore distributions, RunStore runs,
                         NewRuns newRuns) {
    }

    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");

    private final Stores stores;
    private final RewardLedger domain;
    private final LedgerModel model = new LedgerModel(WALLETS);
    private final List<String> wallets = IntStream.range(0, WALLETS).mapToObj(i -> StoreWallets.fresh()).toList();
    private final Instant firstWindow = Instant.parse("1990-01-01T00:00:00Z")
            .plus(Duration.ofHours(2L * ThreadLocalRandom.current().nextInt(10_000_000)));

    private LedgerModelRun(Stores stores) {
        this.stores = stores;
        this.domain = new RewardLedger(stores.ledger(), stores.withdrawals());
    }

    public static void run(Stores stores, List<LedgerStep> steps) {
        LedgerModelRun run = new LedgerModelRun(stores);
        // versions are global to a store: a run on a shared store first publishes what others left pending or waiting
        stores.distributions().pendingVersion().ifPresent(version -> stores.distributions().confirm(version, "earlier", 0, AT));
        stores.distributions().createNext(DistributionPlanner::next)
                .ifPresent(version -> stores.distributions().confirm(version.version(), "earlier", 0, AT));
        for (LedgerStep step : steps) {
            run.apply(step);
            run.checkInvariants(step);
        }
    }

    private void apply(LedgerStep step) {
        if (step instanceof Settle settle) {
            settle(settle);
        } else if (step instanceof Withdraw withdraw) {
            withdraw(withdraw);
        } else if (step instanceof ConcurrentWithdrawals pair) {
            concurrently(pair);
        } else if (step instanceof Export) {
            export();
        } else if (step instanceof Publish publish) {
            publish(publish);
        }
    }

    private Instant window(int index) {
        return firstWindow.plus(Duration.ofHours(2L * index));
    }

    private void settle(Settle settle) {
        Instant start = window(settle.window());
        OptionalInt latest = stores.runs().latestCompletedRevision(start);
        int revision = latest.isEmpty() ? RevisionRules.scheduled(start, latest) : RevisionRules.rerun(start, latest);
        assertThat(revision).isEqualTo(model.settle(settle.window(), settle.rewards()));
        List<NodeSettlement> nodes = new ArrayList<>();
        for (int w = 0; w < WALLETS; w++) {
            nodes.add(new NodeSettlement("node-" + w, wallets.get(w), 1, 1, 1, 0, 1, 1, 1, true, 1, BigDecimal.ONE,
                    settle.rewards().get(w)));
        }
        domain.post(new PostedRun(stores.newRuns().newRun(start, revision), start, revision, AT), nodes);
    }

    private long amount(int wallet, LedgerStep.Amount kind, long part) {
        long withdrawable = model.withdrawable(wallet);
        return switch (kind) {
            case PART -> 1 + Math.floorMod(part, Math.max(1, withdrawable));
            case EXACT -> withdrawable;
            case OVER -> withdrawable + 1;
        };
    }

    private long nonce(int wallet, LedgerStep.Nonce kind) {
        long last = model.lastNonce(wallet);
        return switch (kind) {
            case NEXT -> last + 1;
            case GAP -> last + 5;
            case REPLAY -> last;
        };
    }

    private void withdraw(Withdraw step) {
        long amount = amount(step.wallet(), step.amount(), step.part());
        long nonce = nonce(step.wallet(), step.nonce());
        Optional<Reason> actual = attempt(step.wallet(), amount, nonce);
        assertThat(actual).as("%s: amount %d nonce %d", step, amount, nonce).isEqualTo(model.withdraw(step.wallet(), amount, nonce));
        if (actual.isEmpty()) {
            assertThat(model.requested(step.wallet())).isLessThanOrEqualTo(model.settled(step.wallet()));
        }
    }

    private Optional<Reason> attempt(int wallet, long amount, long nonce) {
        try {
            domain.withdraw(wallets.get(wallet), amount, nonce, "signature", AT);
            return Optional.empty();
        } catch (WithdrawalRefusedException e) {
            return Optional.of(e.reason());
        }
    }

    private void concurrently(ConcurrentWithdrawals pair) {
        int wallet = pair.wallet();
        long first = amount(wallet, LedgerStep.Amount.PART, pair.firstPart());
        long second = amount(wallet, LedgerStep.Amount.PART, pair.secondPart());
        long nonce = model.lastNonce(wallet);
        CompletableFuture<Optional<Reason>> one = CompletableFuture.supplyAsync(() -> attempt(wallet, first, nonce + 1));
        CompletableFuture<Optional<Reason>> two = CompletableFuture.supplyAsync(() -> attempt(wallet, second, nonce + 2));
        List<Optional<Reason>> actual = List.of(join(one), join(two));
        LedgerModel oneFirst = model.copy();
        List<Optional<Reason>> inOrder = List.of(oneFirst.withdraw(wallet, first, nonce + 1),
                oneFirst.withdraw(wallet, second, nonce + 2));
        LedgerModel twoFirst = model.copy();
        Optional<Reason> secondAlone = twoFirst.withdraw(wallet, second, nonce + 2);
        List<Optional<Reason>> reversed = List.of(twoFirst.withdraw(wallet, first, nonce + 1), secondAlone);
        assertThat(actual).as("two requests at once end as if one came after the other").isIn(inOrder, reversed);
        // the model follows the order the store took
        if (actual.equals(inOrder)) {
            model.withdraw(wallet, first, nonce + 1);
            model.withdraw(wallet, second, nonce + 2);
        } else {
            model.withdraw(wallet, second, nonce + 2);
            model.withdraw(wallet, first, nonce + 1);
        }
    }

    private static Optional<Reason> join(CompletableFuture<Optional<Reason>> attempt) {
        try {
            return attempt.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("a concurrent request did not end: " + e, e);
        }
    }

    private void export() {
        DistributionPlanner.Action action = DistributionPlanner.decide(stores.distributions().pendingVersion().isPresent(),
                true);
        Optional<long[]> expected = model.export();
        if (action == DistributionPlanner.Action.PUBLISH_PENDING) {
            assertThat(expected).as("a pending version is published again before a new one is made").isEmpty();
            return;
        }
        Optional<PlannedDistribution> made = stores.distributions().createNext(DistributionPlanner::next);
        assertThat(made.isPresent()).as("a version is made exactly when requests wait").isEqualTo(expected.isPresent());
        made.ifPresent(version -> {
            for (int w = 0; w < WALLETS; w++) {
                assertThat(version.cumulative().getOrDefault(wallets.get(w), 0L)).isEqualTo(expected.get()[w]);
            }
        });
    }

    private void publish(Publish publish) {
        if (publish.confirmed() && model.pending()) {
            stores.distributions().confirm(stores.distributions().pendingVersion().orElseThrow(), "published", 1, AT);
            model.confirm();
        }
        assertThat(stores.distributions().pendingVersion().isPresent()).isEqualTo(model.pending());
    }

    private void checkInvariants(LedgerStep after) {
        long settledTotal = 0;
        long balancesTotal = 0;
        for (int w = 0; w < WALLETS; w++) {
            String wallet = wallets.get(w);
            Balance balance = domain.balance(wallet);
            assertThat(balance.settled()).as("settled of wallet %d after %s", w, after).isEqualTo(model.settled(w));
            assertThat(balance.requested()).as("requested of wallet %d after %s", w, after).isEqualTo(model.requested(w));
            assertThat(stores.withdrawals().lastNonce(wallet)).isEqualTo(model.lastNonce(w));
            settledTotal += balance.settled();
            balancesTotal += balance.withdrawable() + balance.requested();
        }
        assertThat(balancesTotal).isEqualTo(settledTotal);
        for (Map.Entry<Integer, List<Long>> window : model.latestRewards().entrySet()) {
            Map<String, Long> posted = stores.ledger().postedBefore(window(window.getKey()), model.revision(window.getKey()) + 1);
            for (int w = 0; w < WALLETS; w++) {
                assertThat(posted.getOrDefault(wallets.get(w), 0L)).as("window %d's lines of wallet %d", window.getKey(), w)
                        .isEqualTo(window.getValue().get(w));
            }
        }
        List<long[]> versions = model.versions();
        for (int v = 1; v < versions.size(); v++) {
            for (int w = 0; w < WALLETS; w++) {
                assertThat(versions.get(v)[w]).isGreaterThanOrEqualTo(versions.get(v - 1)[w]);
            }
        }
    }
}
