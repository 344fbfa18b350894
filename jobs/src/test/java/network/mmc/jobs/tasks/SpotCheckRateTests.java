package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpotCheckRateTests {

    private final SpotCheckRate defaults = new SpotCheckRate(10, 0.05);

    @Test
    void aNewNodeAndANodeJustCaughtHaveEveryAnswerChecked() {
        for (long clean = 0; clean < 10; clean++) {
            assertThat(defaults.probability(clean)).as("after %d clean checks", clean).isEqualTo(1.0);
        }
    }

    @Test
    void aLongerCleanRunIsCheckedLessOftenAsFullChecksOverItsLength() {
        assertThat(defaults.probability(10)).isEqualTo(1.0);
        assertThat(defaults.probability(20)).isCloseTo(0.5, within(1e-12));
        assertThat(defaults.probability(40)).isCloseTo(0.25, within(1e-12));
        assertThat(defaults.probability(100)).isCloseTo(0.1, within(1e-12));
        for (long clean = 10; clean < 1_000; clean++) {
            assertThat(defaults.probability(clean + 1)).isLessThanOrEqualTo(defaults.probability(clean));
        }
    }

    @Test
    void theRateNeverFallsBelowItsFloor() {
        assertThat(defaults.probability(200)).isCloseTo(0.05, within(1e-12));
        assertThat(defaults.probability(201)).isEqualTo(0.05);
        assertThat(defaults.probability(Long.MAX_VALUE)).isEqualTo(0.05);
        assertThat(new SpotCheckRate(1, 1.0).probability(1_000_000)).as("a floor of 1 checks everything").isEqualTo(1.0);
    }

    @Test
    void settingsOutOfRangeAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> new SpotCheckRate(0, 0.05)).hasMessage(
                "mmc.tasks.spot-check.full-checks = 0 must be at least 1");
        assertThatThrownBy(() -> new SpotCheckRate(10, 0)).hasMessage(
                "mmc.tasks.spot-check.min-rate = 0.0 must be in (0, 1]");
        assertThatThrownBy(() -> new SpotCheckRate(10, 1.5)).hasMessage(
                "mmc.tasks.spot-check.min-rate = 1.5 must be in (0, 1]");
        assertThatThrownBy(() -> new SpotCheckRate(10, Double.NaN)).hasMessageContaining("min-rate = NaN");
        assertThatThrownBy(() -> defaults.probability(-1)).hasMessage("cleanChecks = -1 cannot be negative");
    }
}
