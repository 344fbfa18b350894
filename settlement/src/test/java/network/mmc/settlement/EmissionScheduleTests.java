package network.mmc.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EmissionScheduleTests {

    private static final Instant GENESIS = Instant.parse("2026-01-01T00:00:00Z");
    private final EmissionSchedule schedule = new EmissionSchedule(SettlementParameters.defaults());

    @Test
    void periodTotalsMatchTheWhitepaperCheckValues() {
        assertThat(schedule.periodTotal(1)).isEqualTo(new BigInteger("4500000000000000"));
        assertThat(schedule.periodTotal(2)).isEqualTo(new BigInteger("3222880061115355"));
        assertThat(schedule.periodTotal(3)).isEqualTo(new BigInteger("2431697034671914"));
    }

    @Test
    void poolsPerWindowMatchTheCheckValues() {
        assertThat(schedule.poolOf(GENESIS)).isEqualTo(4_166_666_666_666L);
        assertThat(schedule.poolOf(GENESIS.plus(Duration.ofDays(90)))).isEqualTo(2_984_148_204_736L);
        assertThat(schedule.poolOf(GENESIS.plus(Duration.ofDays(360)))).isEqualTo(692_947_320_519L);
    }

    @Test
    void nothingIsEmittedBeforeGenesis() {
        assertThat(schedule.periodAt(GENESIS.minusSeconds(1))).isZero();
        assertThat(schedule.poolOf(GENESIS.minus(Duration.ofHours(2)))).isZero();
    }

    @Test
    void periodBoundariesFollowTheDoublingGroups() {
        assertThat(schedule.periodAt(GENESIS.plus(Duration.ofDays(90)).minusSeconds(1))).isEqualTo(1);
        assertThat(schedule.periodAt(GENESIS.plus(Duration.ofDays(90)))).isEqualTo(2);
        assertThat(schedule.periodAt(GENESIS.plus(Duration.ofDays(359)))).isEqualTo(4);
        assertThat(schedule.periodAt(GENESIS.plus(Duration.ofDays(360)))).isEqualTo(5);
        assertThat(schedule.periodAt(GENESIS.plus(Duration.ofDays(360 + 180)))).isEqualTo(6);
        assertThat(schedule.periodAt(GENESIS.plus(Duration.ofDays(360 + 720 - 1)))).isEqualTo(8);
        assertThat(schedule.periodAt(GENESIS.plus(Duration.ofDays(360 + 720)))).isEqualTo(9);
        assertThat(schedule.periodAt(GENESIS.plus(Duration.ofDays(360 + 720 + 360)))).isEqualTo(10);
        assertThat(EmissionSchedule.periodDays(9)).isEqualTo(360);
    }

    @Test
    void aPeriodFiveWindowSplitsOverTwiceAsManyWindows() {
        long pool = schedule.poolOf(GENESIS.plus(Duration.ofDays(360)));
        assertThat(BigInteger.valueOf(pool)).isEqualTo(schedule.periodTotal(5).divide(BigInteger.valueOf(180 * 12)));
    }
}
