package network.mmc.jobs.staking;

/**
 * What one sync of the vault did: transactions read and recorded, of which credited, reported (not credited) and
 * ignored; {@code complete} is false when a listed transaction was not readable yet (the next sync goes on from it).
 */
public record VaultSyncResult(int read, int credited, int reported, int ignored, boolean complete) {
}
