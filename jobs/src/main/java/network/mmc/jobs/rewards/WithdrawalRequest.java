package network.mmc.jobs.rewards;

import java.time.Instant;

/** A stored withdrawal request. */
public record WithdrawalRequest(long id, String wallet, long amount, long nonce, String status, Instant requestedAt,
                                Long version) {
}
