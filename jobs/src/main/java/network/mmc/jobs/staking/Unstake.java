package network.mmc.jobs.staking;

import java.time.Instant;

/**
 * An accepted unstake: {@code amount} base units that {@code wallet} staked for {@code nodeId}, no longer counted
 * since {@code requestedAt}, paid back from the vault to the wallet's associated token account once {@code dueAt}
 * passed. Status WAITING (nothing sent), SENT (a payout was sent, not yet seen confirmed), PAID (in
 * {@code transaction}); {@code lastError} is the last problem met while paying it.
 */
public record Unstake(long id, String nodeId, String wallet, long amount, long nonce, Instant requestedAt,
                      Instant dueAt, String status, String transaction, Long slot, Instant paidAt, String lastError) {

    public boolean paid() {
        return "PAID".equals(status);
    }
}
