package network.mmc.jobs.claims;

import java.time.Instant;

/**
 * A stored claim: what it pays ({@code amount} = {@code cumulative} of {@code version} less what the wallet had
 * claimed before), its status (PENDING: recorded, nothing sent; SENT: a payout transaction was sent, not yet seen
 * confirmed; CONFIRMED: paid), the payout transaction, and the last problem met while paying it.
 */
public record RewardClaim(long id, String wallet, long version, long cumulative, long amount, String status,
                          Instant requestedAt, String transaction, Long slot, Instant confirmedAt, String lastError) {

    public boolean paid() {
        return "CONFIRMED".equals(status);
    }
}
