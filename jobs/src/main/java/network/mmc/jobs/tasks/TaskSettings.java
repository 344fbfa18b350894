package network.mmc.jobs.tasks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code mmc.tasks.*}: how API users' tasks are dispatched, and {@code mmc.tasks.gemm.*}: the size and price of GEMM
 * tasks.
 *
 * @param dispatchInterval how often an idle dispatcher looks for units to send (a finished unit starts a look at once)
 * @param concurrency      units in flight at once from this Hub instance
 * @param unitsPerNode     units in flight on one node at once (across every instance); its GPU runs one at a time
 * @param unitTimeout      how long a node may take to answer a unit (TIMEOUT after that)
 * @param leaseMargin      a claimed unit is PENDING again when its instance has not recorded an answer within the
 *                         unit timeout plus this: the instance stopped
 * @param maxAttempts      failed, timed-out or wrong attempts of one unit before it fails, and its task with it
 * @param verifierRounds   Freivalds rounds per answer
 * @param defaultDeadline  a task without a deadline must finish within this of its submission
 * @param maxDeadline      the latest deadline a task may ask for, from its submission
 * @param retention        how long a DONE task's inputs and results are kept after it finished (a task that ended
 *                         otherwise has no result: its data goes as soon as none of its units runs)
 * @param spotCheck        how often answers of kinds verified by re-execution are checked ({@link SpotCheckRate})
 * @param gemm             GEMM tasks
 * @param mlp              MLP inference tasks
 * @param training         exact training tasks
 */
@ConfigurationProperties("mmc.tasks")
public record TaskSettings(Duration dispatchInterval, int concurrency, int unitsPerNode, Duration unitTimeout,
                           Duration leaseMargin, int maxAttempts, int verifierRounds, Duration defaultDeadline,
                           Duration maxDeadline, Duration retention, SpotCheckRate spotCheck, Gemm gemm, Mlp mlp,
                           Training training) {

    public TaskSettings {
        if (concurrency < 1 || unitsPerNode < 1 || maxAttempts < 1 || verifierRounds < 1) {
            throw new IllegalArgumentException("mmc.tasks.concurrency, units-per-node, max-attempts and verifier-rounds"
                    + " must each be at least 1");
        }
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("mmc.tasks.retention = " + retention + ", must be a positive duration"
                    + " such as P30D");
        }
    }

    /**
     * @param creditsPerGflop what 10^9 floating-point operations cost: a unit of r rows of an m x k by k x n product
     *                        costs max(1, ceil(2·r·k·n · creditsPerGflop / 10^9)) credits
     * @param maxSize         the largest m, k or n of a product
     * @param maxProducts     the most products in one task
     * @param maxOutputs      the most entries of C (Σ m·n) in one task
     * @param maxUnitBytes    the most a unit may send a node: its band of A and all of B, and C's band back
     */
    public record Gemm(long creditsPerGflop, int maxSize, int maxProducts, long maxOutputs, DataSize maxUnitBytes) {
    }

    /**
     * @param creditsPerGflop what 10^9 floating-point operations cost: a unit of r rows through layers of sizes
     *                        d0 → d1 → … → dL costs max(1, ceil(2·r·Σ(d(l-1)+1)·dl · creditsPerGflop / 10^9))
     *                        credits (a multiply-add per weight and one add per bias, per row)
     * @param maxLayers       the most layers of a model
     * @param maxWidth        the most inputs or outputs of a layer
     * @param maxRows         the most input rows of a task
     * @param maxUnitBytes    the most GPU memory a unit may need: the model, and its band of rows at the widest layer
     *                        twice (a layer's input and output)
     */
    public record Mlp(long creditsPerGflop, int maxLayers, int maxWidth, int maxRows, DataSize maxUnitBytes) {
    }

    /**
     * @param creditsPerGop what 10^9 integer operations cost: a unit of n samples of a model of P parameters costs
     *                      max(1, ceil(6·n·P · creditsPerGop / 10^9)) credits (forward 2·P, backward 4·P per sample)
     * @param maxSteps      the most steps of a task
     * @param maxSamples    the most training samples of a task given inline
     * @param maxUnitGop    the most integer operations (in 10^9) of one unit, 6·n·P: the Hub re-computes a drawn shard
     *                      of every step on one of its workers, within the unit's lease
     * @param maxUnitBytes  the most GPU memory a unit may need: parameters, its shard, activations and errors, and the
     *                      64-bit sums (which are also its answer, stored whole)
     */
    public record Training(long creditsPerGop, int maxSteps, int maxSamples, double maxUnitGop,
                           DataSize maxUnitBytes) {
    }
}
