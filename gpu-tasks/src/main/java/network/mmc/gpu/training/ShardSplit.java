package network.mmc.gpu.training;

/**
 * Cuts a batch of n samples into {@code shards} consecutive shards whose sizes differ by at most one, the larger
 * first; with more shards than samples the extra ones are empty and are not sent.
 */
public record ShardSplit(int samples, int shards) {

    public ShardSplit {
        if (samples < 1 || shards < 1) {
            throw new IllegalArgumentException("cannot cut " + samples + " samples into " + shards + " shards");
        }
    }

    /** Shards that hold at least one sample. */
    public int count() {
        return Math.min(samples, shards);
    }

    public int from(int shard) {
        int base = samples / count();
        int extra = samples % count();
        return shard * base + Math.min(shard, extra);
    }

    public int to(int shard) {
        return from(shard + 1);
    }
}
