package network.mmc.jobs.staking;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mmc.staking.*}: the stake a VALIDATOR or ROUTER node needs to act for the Hub ({@code min-stake}, base
 * units), how long unstaked tokens wait before they go back ({@code cool-down}), and how many signatures one read of
 * the vault's history asks for ({@code page-size}, at most 1000 as the RPC allows).
 */
@ConfigurationProperties("mmc.staking")
public record StakingSettings(long minStake, Duration coolDown, int pageSize) {

    public StakingSettings {
        if (minStake < 0) {
            throw new IllegalArgumentException("mmc.staking.min-stake must be >= 0 base units, got " + minStake);
        }
        if (coolDown == null || coolDown.isNegative()) {
            throw new IllegalArgumentException("mmc.staking.cool-down must be a duration >= 0, got " + coolDown);
        }
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("mmc.staking.page-size must be 1 to 1000, got " + pageSize);
        }
    }
}
