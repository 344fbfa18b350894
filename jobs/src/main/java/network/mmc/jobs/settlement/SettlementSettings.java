package network.mmc.jobs.settlement;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import network.mmc.settlement.SettlementParameters;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mmc.settlement.*}: the terms of SETTLEMENT.md plus how the job runs. A term left unset takes its default
 * from {@link SettlementParameters#defaults()}, the one place the defaults are written.
 *
 * @param gridSize     partitions of the aggregation step (any value gives the same totals)
 * @param partitionThreads how many partitions are aggregated at once; with more partitions than threads, a
 *                     thread that finishes early takes the next one, so no lone partition is left at the end. Unset:
 *                     half this machine's cores, at least 1. Each is a statement that keeps a database core busy, and
 *                     call ingest needs the rest: on 2 cores, 4 at once cut import-calls to 0.27 x its idle rate, 1 kept
 *                     0.70 x (README: Scale-out figures)
 * @param clockSkew    how far ids and recorded_at may disagree; the id range is widened by it and rows are
 *                     filtered by recorded_at, so a window is exact
 * @param mode         where the partitions are aggregated: on this process's threads, or on workers
 *                     ({@link RemoteSettlementSettings}); the same totals either way
 */
@ConfigurationProperties("mmc.settlement")
public record SettlementSettings(
        Duration period,
        Duration grace,
        Double z,
        Integer minCapNodes,
        Double capK,
        Long stakeTarget,
        Instant genesis,
        Long firstPeriodTotal,
        BigDecimal pi,
        Long validatorRoundCredits,
        int gridSize,
        Integer partitionThreads,
        Duration clockSkew,
        SettlementMode mode) {

    public SettlementSettings {
        SettlementParameters defaults = SettlementParameters.defaults();
        period = period == null ? defaults.period() : period;
        grace = grace == null ? defaults.grace() : grace;
        z = z == null ? defaults.z() : z;
        minCapNodes = minCapNodes == null ? defaults.minCapNodes() : minCapNodes;
        capK = capK == null ? defaults.capK() : capK;
        stakeTarget = stakeTarget == null ? defaults.stakeTarget() : stakeTarget;
        genesis = genesis == null ? defaults.genesis() : genesis;
        firstPeriodTotal = firstPeriodTotal == null ? defaults.firstPeriodTotal() : firstPeriodTotal;
        pi = pi == null ? defaults.pi() : pi;
        validatorRoundCredits = validatorRoundCredits == null ? defaults.validatorRoundCredits() : validatorRoundCredits;
        mode = mode == null ? SettlementMode.LOCAL : mode;
        partitionThreads = partitionThreads == null
                ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : partitionThreads;
        if (partitionThreads < 1) {
            throw new IllegalArgumentException("mmc.settlement.partition-threads must be at least 1, not " + partitionThreads);
        }
    }

    public SettlementParameters parameters() {
        return new SettlementParameters(period, grace, z, minCapNodes, capK, stakeTarget, genesis, firstPeriodTotal,
                pi, validatorRoundCredits);
    }
}
