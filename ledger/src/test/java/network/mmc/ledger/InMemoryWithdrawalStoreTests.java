package network.mmc.ledger;

/** The in-memory withdrawal store the model-based tests run on keeps the same contract as the database's. */
class InMemoryWithdrawalStoreTests extends WithdrawalStoreContract {

    private final InMemoryWithdrawalStore store = new InMemoryWithdrawalStore();

    @Override
    protected WithdrawalStore store() {
        return store;
    }
}
