package network.mmc.rewards;

/**
 * One publishing transaction, stored before it is sent: its signature, the blockhash it was signed with, and the
 * last block height at which that blockhash lets it land.
 */
public record Attempt(String signature, String blockhash, long lastValidBlockHeight) {

    /** Whether the transaction can still land while the cluster is at {@code blockHeight}. */
    public boolean canLandAt(long blockHeight) {
        return blockHeight <= lastValidBlockHeight;
    }
}
