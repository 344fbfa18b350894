package network.mmc.ledger;

import network.mmc.ledger.WithdrawalRefusedException.Reason;

/**
 * Whether a withdrawal request is accepted (SETTLEMENT.md §7). The caller has verified the wallet's signature over
 * the request; these are the checks of its numbers.
 */
public final class WithdrawalRules {

    private WithdrawalRules() {
    }

    /** The checks that need nothing stored: a positive amount and a positive nonce. */
    public static void checkShape(Long amount, Long nonce) {
        if (amount == null || amount <= 0) {
            throw new WithdrawalRefusedException(Reason.MALFORMED,
                    "amount must be a positive number of base units, got " + amount);
        }
        if (nonce == null || nonce <= 0) {
            throw new WithdrawalRefusedException(Reason.MALFORMED, "nonce must be a positive integer, got " + nonce);
        }
    }

    /** A nonce must be above the last accepted one; checked again under the wallet's lock. */
    public static void checkNonce(long nonce, long lastNonce) {
        if (nonce <= lastNonce) {
            throw new WithdrawalRefusedException(Reason.STALE_NONCE, "nonce " + nonce
                    + " is not greater than the wallet's last nonce " + lastNonce + " (a replayed or out-of-order request)");
        }
    }

    /** Only a wallet something was ever settled to may request. */
    public static void checkSettled(String wallet, boolean hasLedger) {
        if (!hasLedger) {
            throw new WithdrawalRefusedException(Reason.UNKNOWN_WALLET, "wallet " + wallet + " has no settled rewards");
        }
    }

    /** Every check, against the wallet as it stands: read while its lock is held. */
    public static void check(WalletAccount account, long amount, long nonce) {
        checkShape(amount, nonce);
        checkSettled(account.wallet(), account.hasLedger());
        checkNonce(nonce, account.lastNonce());
        long withdrawable = account.balance().withdrawable();
        if (amount > withdrawable) {
            throw new WithdrawalRefusedException(Reason.OVER_BALANCE, "amount " + amount
                    + " exceeds the withdrawable balance " + withdrawable + " of wallet " + account.wallet());
        }
    }
}
