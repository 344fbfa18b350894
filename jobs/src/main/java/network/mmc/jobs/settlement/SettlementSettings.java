package network.mmc.jobs.settlement;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import network.mmc.settlement.SettlementParameters;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mmc.settlement.*}: the terms of SETTLEMENT.md plus how the job runs.
 *
 * @param gridSize     partitions of the aggregation step (any value gives the same totals)
 * @param partitionThreads how many partitions are aggregated at once; with more partitions than threads, a
 *                     thread that finishes early takes the next one, so no lone partition is left at the end
 * @param clockSkew    how far ids and recorded_at may disagree; the id range is widened by it and rows are
 *                     filtered by recorded_at, so a window is exact
 */
@ConfigurationProperties("mmc.settlement")
public record SettlementSettings(
        Duration period,
        Duration grace,
        double z,
        int minCapNodes,
        double capK,
        long stakeTarget,
        Instant genesis,
        long firstPeriodTotal,
        BigDecimal pi,
        long validatorRoundCredits,
        int gridSize,
        int partitionThreads,
        Duration clockSkew) {

    public SettlementParameters parameters() {
        return new SettlementParameters(period, grace, z, minCapNodes, capK, stakeTarget, genesis, firstPeriodTotal,
                pi, validatorRoundCredits);
    }
}
