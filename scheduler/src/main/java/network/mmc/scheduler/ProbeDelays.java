package network.mmc.scheduler;

import java.security.SecureRandom;
import java.time.Duration;

/** Uniform random delays in [min, max] from a secure source, so that nodes cannot predict the next probe. */
public final class ProbeDelays {

    private final SecureRandom random = new SecureRandom();
    private final Duration min;
    private final Duration max;

    public ProbeDelays(Duration min, Duration max) {
        this.min = min;
        this.max = max;
    }

    public Duration next() {
        long spanMillis = max.toMillis() - min.toMillis();
        return min.plusMillis(spanMillis == 0 ? 0 : random.nextLong(spanMillis + 1));
    }
}
