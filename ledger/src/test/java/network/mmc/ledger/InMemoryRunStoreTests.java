package network.mmc.ledger;

import java.time.Instant;

/** The in-memory run store the model-based tests run on keeps the same contract as the database's. */
class InMemoryRunStoreTests extends RunStoreContract {

    private final InMemoryRunStore store = new InMemoryRunStore();

    @Override
    protected RunStore store() {
        return store;
    }

    @Override
    protected void storeRun(Instant windowStart, int revision, boolean completed) {
        store.add(windowStart, revision, completed);
    }
}
