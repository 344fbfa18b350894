package network.mmc.jobs.console;

import java.util.List;
import network.mmc.jobs.reports.WalletChange;
import network.mmc.jobs.settlement.SettlementRun;

/**
 * One revision of a window in its history, with what it changed against the revision before it.
 *
 * @param changed   the wallets the revision pays another amount than the one before (none for revision 1)
 * @param unchanged how many wallets it pays as the one before did
 */
public record RevisionEntry(SettlementRun run, List<WalletChange> changed, long unchanged) {

    /** @param wallets the revision's wallet changes; none for revision 1, which has nothing before it */
    static RevisionEntry of(SettlementRun run, List<WalletChange> wallets) {
        List<WalletChange> changed = wallets.stream().filter(WalletChange::changed).toList();
        return new RevisionEntry(run, changed, wallets.size() - changed.size());
    }
}
