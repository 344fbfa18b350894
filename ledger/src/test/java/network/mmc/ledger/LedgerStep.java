package network.mmc.ledger;

import java.util.List;

/** One step of a model-based run: what ops, owners and the export do to the money. */
public sealed interface LedgerStep {

    /** Settles a window (revision 1), or re-runs it with new results when it is settled; one reward per wallet. */
    record Settle(int window, List<Long> rewards) implements LedgerStep {
    }

    /** How a step picks its amount from the wallet's withdrawable balance at that moment. */
    enum Amount { PART, EXACT, OVER }

    /** How a step picks its nonce from the wallet's last one. */
    enum Nonce { NEXT, GAP, REPLAY }

    record Withdraw(int wallet, Amount amount, long part, Nonce nonce) implements LedgerStep {
    }

    /** Two requests of one wallet sent at once, with the next two nonces. */
    record ConcurrentWithdrawals(int wallet, long firstPart, long secondPart) implements LedgerStep {
    }

    /** The export: a new version from the waiting requests, unless a version is pending. */
    record Export() implements LedgerStep {
    }

    /** Publishing the pending version: confirmed on chain, or failed (it stays pending for the next export). */
    record Publish(boolean confirmed) implements LedgerStep {
    }
}
