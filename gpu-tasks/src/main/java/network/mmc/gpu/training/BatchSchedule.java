package network.mmc.gpu.training;

import java.util.SplittableRandom;

/**
 * Which training samples make each step's batch: epoch e is a Fisher–Yates shuffle of [0, size) by a SplittableRandom
 * seeded with seed + e (Java's long addition), cut into consecutive batches of {@code batchSize}; a last, shorter
 * remainder of an epoch is dropped, so every batch has {@code batchSize} samples.
 */
public record BatchSchedule(long seed, int size, int batchSize) {

    public BatchSchedule {
        if (batchSize < 1 || batchSize > Samples.MAX_SAMPLES || batchSize > size) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be in [1, min(" + size + ", "
                    + Samples.MAX_SAMPLES + ")]");
        }
    }

    public int stepsPerEpoch() {
        return size / batchSize;
    }

    /** The sample indices of step {@code step} (from 0). */
    public int[] batch(long step) {
        long epoch = step / stepsPerEpoch();
        int first = (int) (step % stepsPerEpoch()) * batchSize;
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed + epoch);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] batch = new int[batchSize];
        System.arraycopy(order, first, batch, 0, batchSize);
        return batch;
    }
}
