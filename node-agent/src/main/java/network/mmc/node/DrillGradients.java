package network.mmc.node;

import network.mmc.gpu.training.GradientSums;
import network.mmc.gpu.training.MlpParameters;
import network.mmc.gpu.training.Samples;
import network.mmc.gpu.training.ShardGradients;

/** The training side of a {@link DrillExecutor.Drill}: WRONG_RESULT adds 1 to one gradient sum of every answer. */
public final class DrillGradients implements ShardGradients {

    private final ShardGradients delegate;
    private final DrillExecutor.Drill drill;

    public DrillGradients(ShardGradients delegate, DrillExecutor.Drill drill) {
        this.delegate = delegate;
        this.drill = drill;
    }

    @Override
    public String description() {
        return delegate.description() + " (drill: " + drill + ")";
    }

    @Override
    public GradientSums gradients(MlpParameters parameters, Samples shard) {
        if (drill == DrillExecutor.Drill.NO_ANSWER) {
            try {
                Thread.sleep(3_600_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        GradientSums sums = delegate.gradients(parameters, shard);
        if (drill != DrillExecutor.Drill.WRONG_RESULT) {
            return sums;
        }
        long[] wrong = sums.sums();
        wrong[wrong.length / 2]++;
        return new GradientSums(wrong, sums.samples());
    }

    @Override
    public void close() {
        delegate.close();
    }
}
