package network.mmc.jobs.staking;

import java.time.Duration;

/**
 * What a wallet needs to stake on this Hub: the token's mint and the stake vault, the memo a transfer carries, the
 * unstake text it signs, the minimum stake of a VALIDATOR or ROUTER node (base units) and the cool-down.
 */
public record StakingTerms(String hubId, String mint, String vault, int decimals, String memo, String unstakeMessage,
                           long minimumStake, Duration coolDown) {
}
