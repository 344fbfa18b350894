package network.mmc.ledger;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** The in-memory ledger the model-based tests run on keeps the same contract as the database's. */
class InMemoryLedgerStoreTests extends LedgerStoreContract {

    private final InMemoryLedgerStore store = new InMemoryLedgerStore();
    private final AtomicLong runs = new AtomicLong();

    @Override
    protected LedgerStore store() {
        return store;
    }

    @Override
    protected long newRun(Instant windowStart, int revision) {
        return runs.incrementAndGet();
    }

    @Override
    protected void inUnitOfWork(Runnable work) {
        store.inUnitOfWork(work);
    }
}
