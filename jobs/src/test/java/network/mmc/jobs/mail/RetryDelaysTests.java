package network.mmc.jobs.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryDelaysTests {

    private final RetryDelays delays = new RetryDelays(Duration.ofMinutes(1), Duration.ofMinutes(10));

    @Test
    void theDelayDoublesAfterEachFailedAttempt() {
        assertThat(delays.after(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(delays.after(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(delays.after(3)).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void theDelayNeverExceedsTheMaximum() {
        assertThat(delays.after(5)).isEqualTo(Duration.ofMinutes(10));
        assertThat(delays.after(1_000)).isEqualTo(Duration.ofMinutes(10));
    }
}
