package network.mmc.jobs.dapp;

import java.util.List;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.probes.ProbeResultLine;
import network.mmc.jobs.staking.NodeStake;
import network.mmc.jobs.staking.Unstake;
import network.mmc.jobs.staking.WalletStake;

/**
 * A node as its owner's page shows it: the node, whether it counts as online now, its latest probe results, and its
 * stake with what the owner staked on chain and may take back.
 */
public record NodeCard(Node node, boolean online, List<ProbeResultLine> probes, NodeStake staking) {

    /** What the owner staked for the node on chain and has not unstaked. */
    public long stakedByOwner() {
        return staking.wallets().stream().filter(w -> w.wallet().equals(node.getOwnerWallet()))
                .mapToLong(WalletStake::staked).sum();
    }

    /** The owner's unstakes not yet paid back, newest first. */
    public List<Unstake> waitingUnstakes() {
        return staking.unstakes().stream().filter(u -> !u.paid() && u.wallet().equals(node.getOwnerWallet())).toList();
    }
}
