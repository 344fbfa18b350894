package network.mmc.jobs.rewards;

import java.time.Instant;

/**
 * A stored withdrawal request: {@code status} as stored (REQUESTED, then SYNCED once its version is confirmed), and
 * {@code stage}, where it stands from request to tokens in the wallet (REQUESTED, IN_DISTRIBUTION, PUBLISHED,
 * CONFIRMED, CLAIMED: see {@link network.mmc.ledger.WithdrawalProgress}) with the claim transaction that paid it.
 */
public record WithdrawalRequest(long id, String wallet, long amount, long nonce, String status, Instant requestedAt,
                                Long version, String stage, String claimTransaction) {
}
