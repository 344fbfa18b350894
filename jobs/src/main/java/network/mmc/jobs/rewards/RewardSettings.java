package network.mmc.jobs.rewards;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mmc.rewards.*}: the Solana RPC to publish to, the authority keypair file, the commitment to wait
 * for, how long to wait per attempt and how many attempts, and which instruction carries the root
 * ({@code memo}, or {@code jito-new-distributor} with its program, mint and clawback receiver).
 */
@ConfigurationProperties("mmc.rewards")
public record RewardSettings(String rpcUrl, Path authorityKeypair, String commitment, Duration confirmTimeout,
                             Duration pollInterval, int attempts, String instruction, String distributorProgram,
                             String mint, String clawbackReceiver) {
}
