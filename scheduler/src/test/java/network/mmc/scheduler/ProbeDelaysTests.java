package network.mmc.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeDelaysTests {

    @Test
    void delaysStayWithinOneToTwoHoursAndSpreadOverTheRange() {
        ProbeDelays delays = new ProbeDelays(Duration.ofHours(1), Duration.ofHours(2));
        Duration shortest = Duration.ofDays(1);
        Duration longest = Duration.ZERO;
        for (int i = 0; i < 100_000; i++) {
            Duration delay = delays.next();
            assertThat(delay).isBetween(Duration.ofHours(1), Duration.ofHours(2));
            shortest = delay.compareTo(shortest) < 0 ? delay : shortest;
            longest = delay.compareTo(longest) > 0 ? delay : longest;
        }
        assertThat(shortest).isLessThan(Duration.ofMinutes(61));
        assertThat(longest).isGreaterThan(Duration.ofMinutes(119));
    }
}
