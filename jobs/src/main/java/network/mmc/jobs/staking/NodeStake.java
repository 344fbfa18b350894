package network.mmc.jobs.staking;

import java.time.Instant;
import java.util.List;
import network.mmc.jobs.nodes.NodeKind;

/**
 * A node's stake as the DApp shows it: what counts now ({@code stake}, since {@code stakeChangedAt}; with OPS
 * corrections), the minimum its kind needs and whether it is met ({@code active}), what each wallet staked on chain
 * and may still take back, its unstakes (newest first, with when each is paid back), and the vault transfers that
 * name it (newest first, at most 100: credited, or reported with the reason they were not credited).
 */
public record NodeStake(String nodeId, NodeKind kind, String ownerWallet, long stake, Instant stakeChangedAt,
                        long minimumStake, boolean active, List<WalletStake> wallets, List<Unstake> unstakes,
                        List<StakeTransfer> transfers) {
}
