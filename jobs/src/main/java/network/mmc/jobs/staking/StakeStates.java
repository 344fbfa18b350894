package network.mmc.jobs.staking;

import java.util.List;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.token.TokenService;
import network.mmc.rewards.MmcToken;
import network.mmc.rewards.TokenAddresses;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** What the DApp reads: the staking terms, a node's stake state, the vault transfers of one status. */
@Service
public class StakeStates {

    static final int MAX_TRANSFERS = 100;

    private final NodeRegistry registry;
    private final VaultTransfers transfers;
    private final Unstakes unstakes;
    private final MinimumStake minimumStake;
    private final TokenService tokens;
    private final StakingSettings settings;
    private final String hubId;

    StakeStates(NodeRegistry registry, VaultTransfers transfers, Unstakes unstakes, MinimumStake minimumStake,
                TokenService tokens, StakingSettings settings, @Value("${mmc.hub-id}") String hubId) {
        this.registry = registry;
        this.transfers = transfers;
        this.unstakes = unstakes;
        this.minimumStake = minimumStake;
        this.tokens = tokens;
        this.settings = settings;
        this.hubId = hubId;
    }

    public NodeStake of(String nodeId) {
        Node node = registry.find(nodeId);
        return new NodeStake(nodeId, node.getKind(), node.getOwnerWallet(), node.getStake(), node.getStakeChangedAt(),
                minimumStake.of(node.getKind()), minimumStake.isMet(node.getKind(), node.getStake()),
                transfers.balances(nodeId), unstakes.ofNode(nodeId), transfers.ofNode(nodeId, MAX_TRANSFERS));
    }

    public List<StakeTransfer> withStatus(String status, int limit) {
        if (!List.of(StakeTransfer.CREDITED, StakeTransfer.REPORTED, StakeTransfer.IGNORED).contains(status)) {
            throw new IllegalArgumentException("status must be CREDITED, REPORTED or IGNORED, got '" + status + "'");
        }
        if (limit < 1 || limit > MAX_TRANSFERS) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_TRANSFERS + ", got " + limit);
        }
        return transfers.withStatus(status, limit);
    }

    public StakingTerms terms() {
        TokenAddresses token = tokens.addresses();
        return new StakingTerms(hubId, token.mint().toBase58(), token.vault().toBase58(), MmcToken.DECIMALS,
                StakeMemo.PREFIX + "<node id>", UnstakeMessage.of(hubId, "<wallet>", "<node id>", 0, 0)
                .replace("amount:0", "amount:<base units>").replace("nonce:0", "nonce:<greater than the last>"),
                minimumStake.of(NodeKind.VALIDATOR), settings.coolDown());
    }
}
