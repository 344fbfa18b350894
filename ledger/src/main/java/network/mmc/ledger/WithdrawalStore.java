package network.mmc.ledger;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Accepted withdrawal requests and each wallet's last nonce. Locking contract, which callers rely on when several
 * Hub instances share the store: {@link #withWalletLocked} runs its action while no other action for the same
 * wallet runs, in any process; the action's reads see every request committed before it got the lock; what it
 * appends is committed when it returns and discarded when it throws. Actions for different wallets do not wait
 * for each other.
 */
public interface WithdrawalStore {

    /**
     * The wallet's last accepted nonce as committed, 0 before its first request. Outside the lock this is only a
     * hint (nonces only grow, so a nonce at or below it can be refused without waiting for the lock).
     */
    long lastNonce(String wallet);

    <T> T withWalletLocked(String wallet, Supplier<T> action);

    /** Σ of the wallet's accepted requests, 0 when it has none. */
    long requested(String wallet);

    /**
     * Stores an accepted request as REQUESTED and makes its nonce the wallet's last; called inside
     * {@link #withWalletLocked} for that wallet.
     *
     * @return the request's id
     */
    long append(String wallet, long amount, long nonce, String signature, Instant requestedAt);
}
