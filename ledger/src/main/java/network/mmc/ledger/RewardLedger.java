package network.mmc.ledger;

import java.time.Instant;
import java.util.List;
import network.mmc.settlement.NodeSettlement;

/** Posting a run to the ledger, wallet balances and accepting withdrawal requests, over the stores. */
public final class RewardLedger {

    private final LedgerStore ledger;
    private final WithdrawalStore withdrawals;

    public RewardLedger(LedgerStore ledger, WithdrawalStore withdrawals) {
        this.ledger = ledger;
        this.withdrawals = withdrawals;
    }

    /** Writes the run's lines (see {@link RevisionPosting}) in the caller's unit of work and returns them. */
    public List<LedgerEntry> post(PostedRun run, List<NodeSettlement> nodes) {
        List<LedgerEntry> entries = RevisionPosting.entries(run.revision(), RevisionPosting.rewardsByWallet(nodes),
                ledger.postedBefore(run.windowStart(), run.revision()));
        ledger.append(run, entries);
        return entries;
    }

    public Balance balance(String wallet) {
        return new Balance(ledger.settled(wallet), withdrawals.requested(wallet));
    }

    /**
     * Accepts a request whose signature the caller verified: checked, then stored as REQUESTED while the wallet is
     * locked, against the requests accepted before it.
     *
     * @return the request's id
     * @throws WithdrawalRefusedException when the rules refuse it; nothing is stored
     */
    public long withdraw(String wallet, Long amount, Long nonce, String signature, Instant requestedAt) {
        WithdrawalRules.checkShape(amount, nonce);
        WithdrawalRules.checkSettled(wallet, ledger.hasEntries(wallet));
        // a replay is refused here without queueing for the wallet's lock
        WithdrawalRules.checkNonce(nonce, withdrawals.lastNonce(wallet));
        return withdrawals.withWalletLocked(wallet, () -> {
            // ledger lines are never removed, so the wallet checked above still has some
            WithdrawalRules.check(new WalletAccount(wallet, true, withdrawals.lastNonce(wallet), balance(wallet)),
                    amount, nonce);
            return withdrawals.append(wallet, amount, nonce, signature, requestedAt);
        });
    }
}
