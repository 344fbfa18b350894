package network.mmc.jobs.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RewardConcentrationTests {

    @Test
    void theLorenzCurveRunsFromNothingToEverythingPoorestNodesFirst() {
        RewardConcentration concentration = RewardConcentration.of(List.of(50L, 0L, 30L, 20L));

        assertThat(concentration.lorenz()).containsExactly(new RewardConcentration.Point(0, 0),
                new RewardConcentration.Point(0.25, 0), new RewardConcentration.Point(0.5, 0.2),
                new RewardConcentration.Point(0.75, 0.5), new RewardConcentration.Point(1, 1));
    }

    @Test
    void theTopTenPercentOfTwentyNodesAreTheTwoBestPaid() {
        // 1..20: the top two hold 19 + 20 of 210
        RewardConcentration concentration = RewardConcentration.of(LongStream.rangeClosed(1, 20).boxed().toList());

        assertThat(concentration.topNodes()).isEqualTo(2);
        assertThat(concentration.topRewards()).isEqualTo(39);
        assertThat(concentration.topShare()).isCloseTo(39.0 / 210, within(1e-12));
    }

    @Test
    void fewerThanTenNodesStillHaveOneTopNode() {
        RewardConcentration concentration = RewardConcentration.of(List.of(1L, 3L));

        assertThat(concentration.topNodes()).isEqualTo(1);
        assertThat(concentration.topShare()).isEqualTo(0.75);
    }

    @Test
    void aRunThatPaidNothingHasTheLineOfEqualityAndNoTopShare() {
        RewardConcentration concentration = RewardConcentration.of(List.of(0L, 0L));

        assertThat(concentration.lorenz()).containsExactly(new RewardConcentration.Point(0, 0),
                new RewardConcentration.Point(1, 1));
        assertThat(concentration.topShare()).isZero();
    }
}
