package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTests {

    @Test
    void aDurationIsShownInTheUnitThatFitsIt() {
        assertThat(DurationText.of(Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(DurationText.of(Duration.ofNanos(400_000))).isEqualTo("0 ms");
        assertThat(DurationText.of(Duration.ofMillis(12_430))).isEqualTo("12.4 s");
        assertThat(DurationText.of(Duration.ofSeconds(72))).isEqualTo("1m 12s");
        assertThat(DurationText.of(Duration.ofSeconds(2 * 3600 + 5 * 60 + 9))).isEqualTo("2h 05m");
    }
}
