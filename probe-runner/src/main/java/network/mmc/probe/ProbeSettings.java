package network.mmc.probe;

import java.time.Duration;

/**
 * How a round probes: challenge size (n x k times k x n), at most {@code concurrency} probes in
 * flight, each abandoned as TIMEOUT after {@code timeout}, and Freivalds rounds per verification.
 */
public record ProbeSettings(int n, int k, int concurrency, Duration timeout, int verifierRounds) {

    public ProbeSettings {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency = " + concurrency + ", need at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " must be positive");
        }
    }
}
