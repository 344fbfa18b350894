package network.mmc.jobs.staking;

import java.time.Instant;

/**
 * A transaction of the stake vault as the sync read it: CREDITED to {@code nodeId}'s stake, REPORTED (a transfer into
 * the vault not credited, {@code reason} says why) or IGNORED (no transfer into the vault, or failed on chain).
 * {@code sender} signed the transfer from token account {@code source}; amounts in base units.
 */
public record StakeTransfer(String signature, long slot, String status, String nodeId, String sender, String source,
                            Long amount, String memo, String reason, Instant syncedAt) {

    public static final String CREDITED = "CREDITED";
    public static final String REPORTED = "REPORTED";
    public static final String IGNORED = "IGNORED";
}
