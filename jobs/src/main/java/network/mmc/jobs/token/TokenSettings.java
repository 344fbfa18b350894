package network.mmc.jobs.token;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mmc.token.*}: the addresses of an MMC token that exists on the cluster (a real cluster: the operator's mint,
 * the treasury claims are paid from, the stake vault). Unset, the Hub uses the addresses it derives from its
 * authority key and creates them with {@code token setup} (the local peer, a test validator, devnet).
 */
@ConfigurationProperties("mmc.token")
public record TokenSettings(String mint, String treasury, String vault) {

    /** Whether the operator set addresses (then all three are needed). */
    boolean configured() {
        return mint != null || treasury != null || vault != null;
    }
}
