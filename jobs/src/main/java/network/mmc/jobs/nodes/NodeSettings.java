package network.mmc.jobs.nodes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param onlineWindow    a node is online when its last status is at most this old ({@code mmc.nodes.online-window})
 * @param signatureMaxAge how far a signed request's time may be from the Hub's clock
 */
@ConfigurationProperties("mmc.nodes")
public record NodeSettings(Duration onlineWindow, Duration signatureMaxAge) {
}
