package network.mmc.jobs.reports;

/**
 * What a run changed for one wallet.
 *
 * @param previous what the previous revision paid it (0 for revision 1)
 * @param current  what this revision pays it
 * @param posted   this run's ledger line for it (the ACCRUAL of revision 1, a CORRECTION after), 0 when none
 */
public record WalletChange(String wallet, long previous, long current, long posted) {

    /** Whether this revision pays the wallet another amount than the previous one did. */
    public boolean changed() {
        return previous != current;
    }
}
