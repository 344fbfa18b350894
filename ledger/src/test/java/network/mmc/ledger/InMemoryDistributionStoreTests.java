package network.mmc.ledger;

/** The in-memory distribution store the model-based tests run on keeps the same contract as the database's. */
class InMemoryDistributionStoreTests extends DistributionStoreContract {

    private final InMemoryWithdrawalStore withdrawals = new InMemoryWithdrawalStore();
    private final InMemoryDistributionStore distributions = new InMemoryDistributionStore(withdrawals);

    @Override
    protected WithdrawalStore withdrawals() {
        return withdrawals;
    }

    @Override
    protected DistributionStore distributions() {
        return distributions;
    }
}
