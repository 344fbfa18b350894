package network.mmc.jobs.rewards;

/** A stored distribution version: its root, total, leaf count, status and publishing transaction. */
public record Distribution(long version, String root, long total, int leafCount, String status, String signature,
                           String lastError) {
}
