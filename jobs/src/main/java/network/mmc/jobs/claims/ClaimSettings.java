package network.mmc.jobs.claims;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code mmc.claims.*}: how often {@code serve} checks claims not yet seen paid (a crash, a lost confirmation). */
@ConfigurationProperties("mmc.claims")
public record ClaimSettings(Duration recoveryInterval) {
}
