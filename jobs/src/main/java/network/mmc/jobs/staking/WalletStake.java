package network.mmc.jobs.staking;

/** What {@code wallet} staked for a node (credited transfers), took back (unstakes), and may still take back. */
public record WalletStake(String wallet, long deposited, long withdrawn) {

    public long staked() {
        return deposited - withdrawn;
    }
}
