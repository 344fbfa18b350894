package network.mmc.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import network.mmc.settlement.NodeSettlement;

/**
 * The ledger lines a run of a window writes (SETTLEMENT.md §6): revision 1 one ACCRUAL per paid wallet, a re-run
 * one CORRECTION per wallet whose amount changed, so that every revision's lines up to it sum, per wallet, to what
 * that revision pays the wallet.
 */
public final class RevisionPosting {

    private RevisionPosting() {
    }

    /** Per owner wallet, the sum of its nodes' rewards; a node without an owner or with no reward pays no one. */
    public static SortedMap<String, Long> rewardsByWallet(List<NodeSettlement> nodes) {
        SortedMap<String, Long> rewards = new TreeMap<>();
        for (NodeSettlement node : nodes) {
            if (node.ownerWallet() != null && node.reward() != 0) {
                rewards.merge(node.ownerWallet(), node.reward(), Math::addExact);
            }
        }
        return rewards;
    }

    /**
     * @param revision        the run's revision, 1 for the scheduled run
     * @param rewardsByWallet what this revision pays each wallet
     * @param postedBefore    per wallet, the sum of the window's lines of revisions before this one
     * @return the lines, by wallet; none with a zero amount
     */
    public static List<LedgerEntry> entries(int revision, Map<String, Long> rewardsByWallet,
                                            Map<String, Long> postedBefore) {
        if (revision < 1) {
            throw new IllegalArgumentException("revision must be 1 or more, got " + revision);
        }
        if (revision == 1 && !postedBefore.isEmpty()) {
            throw new IllegalStateException("revision 1 of a window found ledger lines already posted for it");
        }
        EntryType type = revision == 1 ? EntryType.ACCRUAL : EntryType.CORRECTION;
        TreeSet<String> wallets = new TreeSet<>(rewardsByWallet.keySet());
        wallets.addAll(postedBefore.keySet());
        List<LedgerEntry> entries = new ArrayList<>();
        for (String wallet : wallets) {
            long amount = Math.subtractExact(rewardsByWallet.getOrDefault(wallet, 0L), postedBefore.getOrDefault(wallet, 0L));
            if (amount != 0) {
                entries.add(new LedgerEntry(wallet, type, amount));
            }
        }
        return entries;
    }
}
