package network.mmc.gpu.training;

/**
 * Everything that fixes a training run's result: the model's shape, the seed of its initial parameters and of its
 * batch order, the batch size, the number of steps and the learning rate. Two runs of the same plan on the same
 * training samples end with bit-identical parameters, however their batches are sharded.
 */
public record TrainingPlan(MlpShape shape, long seed, int batchSize, int steps, SgdUpdate update) {

    public static final int MAX_STEPS = 1_000_000;

    public TrainingPlan {
        if (steps < 0 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps = " + steps + ", must be in [0, " + MAX_STEPS + "]");
        }
        if (batchSize < 1 || batchSize > Samples.MAX_SAMPLES) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be in [1, " + Samples.MAX_SAMPLES + "]");
        }
    }

    public MlpParameters initialParameters() {
        return MlpParameters.initial(shape, seed);
    }

    public BatchSchedule schedule(Samples training) {
        training.checkFits(shape);
        return new BatchSchedule(seed, training.count(), batchSize);
    }

    /** Trains on one machine: each step's whole batch on {@code gradients}, then the update. */
    public MlpParameters trainLocally(Samples training, ShardGradients gradients) {
        BatchSchedule schedule = schedule(training);
        MlpParameters parameters = initialParameters();
        for (int step = 0; step < steps; step++) {
            parameters = update.apply(parameters, gradients.gradients(parameters, training.select(schedule.batch(step))));
        }
        return parameters;
    }
}
