package network.mmc.ledger;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random step sequences for {@link LedgerModelRun}. */
public final class LedgerSteps {

    private LedgerSteps() {
    }

    public static Arbitrary<List<LedgerStep>> sequences(int maxSteps) {
        return step().list().ofMinSize(1).ofMaxSize(maxSteps);
    }

    private static Arbitrary<LedgerStep> step() {
        Arbitrary<Integer> wallet = Arbitraries.integers().between(0, LedgerModelRun.WALLETS - 1);
        Arbitrary<Long> part = Arbitraries.longs().between(0, 1_000_000_000_000L);
        Arbitrary<LedgerStep> settle = Combinators.combine(Arbitraries.integers().between(0, LedgerModelRun.WINDOWS - 1),
                        Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(1, 2_000_000_000_000L))
                                .list().ofSize(LedgerModelRun.WALLETS))
                .as(LedgerStep.Settle::new);
        Arbitrary<LedgerStep> withdraw = Combinators.combine(wallet, Arbitraries.of(LedgerStep.Amount.class), part,
                Arbitraries.of(LedgerStep.Nonce.class)).as(LedgerStep.Withdraw::new);
        Arbitrary<LedgerStep> pair = Combinators.combine(wallet, part, part).as(LedgerStep.ConcurrentWithdrawals::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, settle),
                net.jqwik.api.Tuple.of(5, withdraw),
                net.jqwik.api.Tuple.of(1, pair),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new LedgerStep.Export())),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(true, false).map(LedgerStep.Publish::new)));
    }
}
