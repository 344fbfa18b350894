package network.mmc.node;

import java.time.Duration;
import network.mmc.gpu.MatmulOperands;
import network.mmc.gpu.MatmulExecutor;
import network.mmc.gpu.MatmulResult;

/**
 * A node that misbehaves on purpose, for probe drills ({@code mmc-node serve --drill ...}) and the demo:
 * it answers late, or answers a product with one element off by one.
 */
public final class DrillExecutor implements MatmulExecutor {

    /** What the drill does to each answer. */
    public enum Drill {
        /** one element of C off by one: the validator must report WRONG_RESULT */
        WRONG_RESULT,
        /** answer after an hour: the validator must report TIMEOUT */
        NO_ANSWER
    }

    private final MatmulExecutor delegate;
    private final Drill drill;
    private final Duration delay;

    public DrillExecutor(MatmulExecutor delegate, Drill drill, Duration delay) {
        this.delegate = delegate;
        this.drill = drill;
        this.delay = delay;
    }

    public static DrillExecutor of(MatmulExecutor delegate, Drill drill) {
        return new DrillExecutor(delegate, drill, drill == Drill.NO_ANSWER ? Duration.ofHours(1) : Duration.ZERO);
    }

    @Override
    public String description() {
        return delegate.description() + " (drill: " + drill + ")";
    }

    @Override
    public MatmulResult multiply(MatmulOperands matrices) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        MatmulResult result = delegate.multiply(matrices);
        if (drill == Drill.WRONG_RESULT) {
            float[] c = result.c().clone();
            c[c.length / 2] += 1;
            return new MatmulResult(c, result.computeNanos(), result.wallNanos(), result.executor());
        }
        return result;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
