package network.mmc.jobs.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import network.mmc.settlement.EmissionSchedule;
import network.mmc.settlement.SettlementParameters;
import org.junit.jupiter.api.Test;

class EmissionPointsTests {

    private static final SettlementParameters TERMS = SettlementParameters.defaults()
            .withTerms(Map.of("genesis", "2026-03-01T00:00:00Z", "period", "PT4H"));

    @Test
    void onePointADayFromGenesisToAYearAfterTheWindowEachTheSchedulesPoolOfThatDay() {
        Instant window = Instant.parse("2026-07-10T08:00:00Z");

        List<EmissionPoints.Point> points = EmissionPoints.of(TERMS, window);

        EmissionSchedule schedule = new EmissionSchedule(TERMS);
        assertThat(points.get(0).day()).isEqualTo(TERMS.genesis());
        assertThat(points).hasSize((int) Duration.between(TERMS.genesis(), window.plus(EmissionPoints.AHEAD)).toDays() + 1);
        for (int i = 0; i < points.size(); i++) {
            assertThat(points.get(i).day()).isEqualTo(TERMS.genesis().plus(Duration.ofDays(i)));
            assertThat(points.get(i).pool()).as("day %d", i).isEqualTo(schedule.poolOf(points.get(i).day()));
        }
    }

    @Test
    void aWindowBeforeGenesisStartsTheCurveAtTheWindowWithAPoolOfZero() {
        Instant window = Instant.parse("2026-02-20T00:00:00Z");

        List<EmissionPoints.Point> points = EmissionPoints.of(TERMS, window);

        assertThat(points.get(0)).isEqualTo(new EmissionPoints.Point(window, 0));
        assertThat(points.get(points.size() - 1).day()).isEqualTo(window.plus(EmissionPoints.AHEAD));
    }
}
