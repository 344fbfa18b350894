package network.mmc.jobs.staking;

import java.time.Clock;
import java.util.Optional;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.rewards.TokenAddresses;
import org.p2p.solanaj.core.PublicKey;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records one transaction of the vault and, when it is a stake from the node's bound owner wallet, credits it: the
 * wallet's stake for the node and the node's stake (with {@code stake_changed_at} now and a stake history entry) in
 * the same commit as the record, so a transaction is counted exactly once.
 */
@Component
class StakeCredits {

    private final VaultTransfers transfers;
    private final NodeRegistry registry;
    private final Clock clock;

    StakeCredits(VaultTransfers transfers, NodeRegistry registry, Clock clock) {
        this.transfers = transfers;
        this.registry = registry;
        this.clock = clock;
    }

    /** Records a transaction that is no stake: failed on chain, no transfer into the vault, or unreadable. */
    @Transactional
    public StakeTransfer recordOther(String signature, long slot, String status, String reason) {
        StakeTransfer transfer = new StakeTransfer(signature, slot, status, null, null, null, null, null, reason,
                clock.instant());
        transfers.record(transfer);
        return transfer;
    }

    /** Records a transfer into the vault: credited when it may be, else reported with the reason. */
    @Transactional
    public StakeTransfer recordDeposit(String signature, long slot, VaultReading reading, PublicKey mint) {
        String problem = reading.problem() != null ? reading.problem() : ownerProblem(reading, mint);
        StakeTransfer transfer = new StakeTransfer(signature, slot, problem == null ? StakeTransfer.CREDITED
                : StakeTransfer.REPORTED, reading.nodeId(), reading.sender(), reading.source(), reading.amount(),
                reading.memo(), problem, clock.instant());
        transfers.record(transfer);
        if (problem == null) {
            transfers.credit(reading.nodeId(), reading.sender(), reading.amount());
            registry.adjustStake(reading.nodeId(), reading.amount(), "wallet:" + reading.sender(),
                    "stake transfer " + signature + " into the stake vault");
        }
        return transfer;
    }

    /** Null when the node exists and the transfer came from its bound owner's associated token account. */
    private String ownerProblem(VaultReading reading, PublicKey mint) {
        Optional<Node> node = registry.registered(reading.nodeId());
        if (node.isEmpty()) {
            return "the memo names node " + reading.nodeId() + ", which is not registered";
        }
        String owner = node.get().getOwnerWallet();
        if (owner == null) {
            return "node " + reading.nodeId() + " has no bound owner wallet: only its owner's transfers count";
        }
        if (!owner.equals(reading.sender())) {
            return "sent by " + reading.sender() + ", not by the owner wallet of node " + reading.nodeId() + " ("
                    + owner + "): only the owner's transfers count";
        }
        String ownersAccount = TokenAddresses.associatedTokenAccount(new PublicKey(owner), mint).toBase58();
        if (!ownersAccount.equals(reading.source())) {
            return "sent from token account " + reading.source() + ", not from the owner's associated token account "
                    + ownersAccount;
        }
        return null;
    }
}
