package network.mmc.jobs.support;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The rewards settings of tests against the local Solana peer: its URL, the authority key, short waits. */
public final class FastRewardsSettings {

    private FastRewardsSettings() {
    }

    public static void register(DynamicPropertyRegistry registry, String peerUrl, Path authorityKeypair) {
        registry.add("mmc.rewards.rpc-url", () -> peerUrl);
        registry.add("mmc.rewards.authority-keypair", authorityKeypair::toString);
        registry.add("mmc.rewards.confirm-timeout", () -> "PT3S");
        registry.add("mmc.rewards.poll-interval", () -> "PT0.05S");
        registry.add("mmc.rewards.attempts", () -> "2");
    }
}
