package network.mmc.jobs.probes;

import java.time.Duration;
import java.util.List;
import network.mmc.probe.ProbeSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mmc.probe.*}: the credit cost written on each probe record, the challenge size, how many probes
 * are in flight at once and how long each may take, how many targets a chunk commits, and the random
 * delay between a validator's rounds; {@code allowedNetworks} (CIDRs) are the non-public networks probes may
 * call besides public addresses (e.g. {@code 127.0.0.0/8} for agents on the Hub's own machine).
 */
@ConfigurationProperties("mmc.probe")
public record ProbeJobSettings(long credits, int n, int k, int concurrency, Duration timeout, int verifierRounds,
                               int chunkSize, Duration minDelay, Duration maxDelay, List<String> allowedNetworks) {

    public ProbeSettings roundSettings(Duration timeoutOverride) {
        return new ProbeSettings(n, k, concurrency, timeoutOverride == null ? timeout : timeoutOverride, verifierRounds);
    }
}
