package network.mmc.jobs.dapp;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import network.mmc.jobs.claims.ClaimService;
import network.mmc.jobs.claims.RewardClaim;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.errors.NotFoundException;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.probes.ProbeRounds;
import network.mmc.jobs.rewards.RewardStatement;
import network.mmc.jobs.rewards.RewardsService;
import network.mmc.jobs.staking.StakeStates;
import org.springframework.stereotype.Component;

/** Reads what a wallet's page shows from the services that own each part: rewards, claims, nodes, probes, stakes. */
@Component
class WalletViews {

    static final int HISTORY_SIZE = 20;
    static final int NODES_SHOWN = 100;
    static final int PROBES_PER_NODE = 5;
    static final Duration PROBES_SINCE = Duration.ofDays(7);

    private final RewardsService rewards;
    private final ClaimService claims;
    private final NodeRegistry registry;
    private final ProbeRounds probes;
    private final StakeStates stakes;
    private final Clock clock;

    WalletViews(RewardsService rewards, ClaimService claims, NodeRegistry registry, ProbeRounds probes,
                StakeStates stakes, Clock clock) {
        this.rewards = rewards;
        this.claims = claims;
        this.registry = registry;
        this.probes = probes;
        this.stakes = stakes;
        this.clock = clock;
    }

    /** The wallet's page with the {@code page}-th (from 0) {@value #HISTORY_SIZE} settled windows, newest first. */
    WalletView of(SolanaAddress wallet, int page) {
        RewardStatement statement = rewards.statement(wallet.base58(), page, HISTORY_SIZE);
        List<Node> owned = registry.ownedBy(wallet.base58());
        List<NodeCard> cards = owned.stream().limit(NODES_SHOWN).map(this::card).toList();
        List<RewardClaim> claimsOfWallet = claims.ofWallet(wallet.base58());
        long claimed = claimsOfWallet.stream().mapToLong(RewardClaim::amount).sum();
        RewardsService.ClaimProof proof = latestConfirmed(wallet);
        return new WalletView(statement, cards, owned.size(), proof == null ? null : proof.version(),
                proof == null ? 0 : proof.cumulative(), claimed, claimsOfWallet);
    }

    private NodeCard card(Node node) {
        return new NodeCard(node, registry.isOnline(node), probes.resultsOf(node.getNodeId(),
                clock.instant().minus(PROBES_SINCE), PROBES_PER_NODE), stakes.of(node.getNodeId()));
    }

    /** The latest confirmed distribution holding the wallet, or null while none does. */
    private RewardsService.ClaimProof latestConfirmed(SolanaAddress wallet) {
        try {
            return rewards.proof(wallet.base58());
        } catch (NotFoundException e) {
            return null;
        }
    }
}
