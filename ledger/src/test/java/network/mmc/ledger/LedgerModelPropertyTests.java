package network.mmc.ledger;

import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The domain over the in-memory stores agrees with the reference model on random sequences of steps. */
class LedgerModelPropertyTests {

    @Property(tries = 300)
    void theLedgerAgreesWithTheModelAndKeepsItsInvariants(@ForAll("sequences") List<LedgerStep> steps) {
        InMemoryWithdrawalStore withdrawals = new InMemoryWithdrawalStore();
        InMemoryRunStore runs = new InMemoryRunStore();
        LedgerModelRun.run(new LedgerModelRun.Stores(new InMemoryLedgerStore(), withdrawals,
                new InMemoryDistributionStore(withdrawals), runs, (Instant window, int revision) -> runs.add(window,
                revision, true)), steps);
    }

    @Provide
    Arbitrary<List<LedgerStep>> sequences() {
        return LedgerSteps.sequences(40);
    }
}
