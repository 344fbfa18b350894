package network.mmc.jobs.staking;

import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.nodes.Node;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.rewards.RewardSettings;
import network.mmc.jobs.token.ChainUnavailableException;
import network.mmc.jobs.token.TokenService;
import network.mmc.rewards.TokenAddresses;
import network.mmc.settlement.MmcText;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.rpc.RpcException;
import org.p2p.solanaj.rpc.types.LatestBlockhash;
import org.springframework.stereotype.Service;

/**
 * Staking from the owner's wallet: {@link #offer} builds the unsigned transaction the owner signs
 * ({@link StakeTransaction}); {@link #submit} takes it back signed, checks it is exactly that transaction (same
 * message byte for byte: instructions, accounts, fee payer, amount, memo) with the owner's valid signature, sends it,
 * waits for it and syncs the vault, which credits it. The Hub never signs for the owner, and nothing an owner did not
 * sign can reach the vault in its name.
 */
@Service
public class StakeDeposits {

    private final NodeRegistry registry;
    private final TokenService tokens;
    private final VaultChain chain;
    private final VaultSync sync;
    private final VaultTransfers transfers;
    private final RewardSettings rewards;

    StakeDeposits(NodeRegistry registry, TokenService tokens, VaultChain chain, VaultSync sync,
                  VaultTransfers transfers, RewardSettings rewards) {
        this.registry = registry;
        this.tokens = tokens;
        this.chain = chain;
        this.sync = sync;
        this.transfers = transfers;
        this.rewards = rewards;
    }

    /** The unsigned transaction that stakes {@code amount} base units for the node from its owner {@code wallet}. */
    public StakeOffer offer(String nodeId, String walletText, Long amount) {
        SolanaAddress wallet = SolanaAddress.parse("wallet", walletText);
        checkAmount(amount);
        String owner = owner(registry.find(nodeId));
        if (!owner.equals(wallet.base58())) {
            throw new ConflictException("wallet " + wallet + " is not the owner of node " + nodeId + " (its owner is "
                    + owner + "): only the owner's transfers count for the node");
        }
        try {
            StakeTransaction stake = new StakeTransaction(new PublicKey(wallet.bytes()), nodeId, amount,
                    tokens.addresses());
            long balance = tokens.balanceOf(stake.owner());
            if (balance < amount) {
                throw new ConflictException("wallet " + wallet + " holds " + balance + " base units of MMC in its token"
                        + " account " + stake.source() + ", less than the " + amount + " to stake");
            }
            LatestBlockhash.Value latest = chain.latestBlockhash();
            TokenAddresses token = stake.token();
            String summary = "Stake " + MmcText.format(amount) + " MMC for node " + nodeId + ": transfer " + amount
                    + " base units from your token account " + stake.source() + " to the stake vault " + token.vault()
                    + " with the memo '" + stake.memo() + "'; fee paid by " + wallet + ". Unstaking takes it back"
                    + " after the cool-down.";
            return new StakeOffer(nodeId, wallet.base58(), amount, token.mint().toBase58(), stake.source().toBase58(),
                    token.vault().toBase58(), stake.memo(), latest.getBlockhash(), latest.getLastValidBlockHeight(),
                    Base64.getEncoder().encodeToString(stake.unsigned(latest.getBlockhash())), summary);
        } catch (ChainUnavailableException | IllegalStateException e) {
            throw ChainRefusals.unavailable(chain.rpcUrl(), "staking is not possible now: " + e.getMessage());
        }
    }

    /**
     * Sends the owner-signed stake transaction of {@code amount} for the node, once checked, and syncs the vault. A
     * transaction the Hub recorded already is answered from the record, not sent again.
     */
    public StakeSubmission submit(String nodeId, Long amount, String transactionBase64) {
        checkAmount(amount);
        byte[] wire = decode(transactionBase64);
        String owner = owner(registry.find(nodeId));
        WireTransaction signed = WireTransaction.parse(wire);
        StakeTransaction stake;
        try {
            stake = new StakeTransaction(new PublicKey(owner), nodeId, amount, tokens.addresses());
        } catch (IllegalStateException e) {
            throw ChainRefusals.unavailable(chain.rpcUrl(), "staking is not possible now: " + e.getMessage());
        }
        if (signed.signatures().size() != 1 || !Arrays.equals(signed.message(), stake.message(signed.blockhash()))) {
            throw new IllegalArgumentException("transaction is not the one built for staking " + amount
                    + " base units for node " + nodeId + " from its owner " + owner + " (POST /api/staking/nodes/"
                    + nodeId + "/stake-transactions): its instructions, accounts, amount, memo or fee payer differ");
        }
        if (!verifies(stake.owner(), signed)) {
            throw new IllegalArgumentException("transaction's signature does not verify for the owner wallet " + owner);
        }
        String signature = signed.id();
        Optional<StakeTransfer> recorded = transfers.find(signature);
        if (recorded.isPresent()) {
            return new StakeSubmission(signature, recorded.get());
        }
        try {
            send(wire, signature);
            awaitConfirmed(signature);
            return new StakeSubmission(signature, syncFinding(signature));
        } catch (ChainUnavailableException | IllegalStateException e) {
            throw ChainRefusals.unavailable(chain.rpcUrl(), "transaction " + signature + " may or may not have landed: "
                    + e.getMessage() + "; the vault's sync credits it if it did");
        }
    }

    private void send(byte[] wire, String signature) {
        try {
            chain.send(wire);
        } catch (RpcException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.contains("Blockhash not found")) {
                throw new ConflictException("transaction " + signature + " was refused: its blockhash expired; build"
                        + " and sign a new one");
            }
            if (!reason.contains("AlreadyProcessed") && !reason.contains("already been processed")) {
                throw new ConflictException("the cluster refused transaction " + signature + ": " + reason
                        .replace(chain.rpcUrl(), "the Solana RPC"));
            }
        } catch (RuntimeException e) {
            throw new ChainUnavailableException("sending transaction " + signature + " got no clear answer ("
                    + e.getMessage() + ")", e);
        }
    }

    /** Waits up to {@code mmc.rewards.confirm-timeout} for the commitment; after that the sync credits it later. */
    private void awaitConfirmed(String signature) {
        long deadline = System.nanoTime() + rewards.confirmTimeout().toNanos();
        while (System.nanoTime() - deadline < 0) {
            Boolean confirmed = chain.confirmed(signature);
            if (Boolean.FALSE.equals(confirmed)) {
                throw new ConflictException("transaction " + signature + " failed on chain: nothing was staked");
            }
            if (Boolean.TRUE.equals(confirmed)) {
                return;
            }
            pause(rewards.pollInterval());
        }
    }

    /** Syncs the vault (waiting out a sync that runs meanwhile) and finds the transaction's record, if made. */
    private StakeTransfer syncFinding(String signature) {
        long deadline = System.nanoTime() + rewards.confirmTimeout().toNanos();
        while (true) {
            try {
                sync.sync();
                return transfers.find(signature).orElse(null);
            } catch (ConflictException busy) {
                if (System.nanoTime() - deadline >= 0) {
                    return transfers.find(signature).orElse(null);
                }
                pause(rewards.pollInterval());
            }
        }
    }

    private static String owner(Node node) {
        if (node.getOwnerWallet() == null) {
            throw new ConflictException("node " + node.getNodeId() + " has no bound owner wallet: the node binds one"
                    + " (POST /api/nodes/" + node.getNodeId() + "/wallet) before its owner can stake");
        }
        return node.getOwnerWallet();
    }

    private static void checkAmount(Long amount) {
        if (amount == null || amount <= 0) {
            throw new IllegalArgumentException("amount must be a positive number of base units, got " + amount);
        }
    }

    private static byte[] decode(String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException("transaction is missing (the signed transaction, base64)");
        }
        if (base64.length() > 4 * WireTransaction.MAX_SIZE / 3 + 4) {
            throw new IllegalArgumentException("transaction is longer than a Solana transaction can be ("
                    + WireTransaction.MAX_SIZE + " bytes)");
        }
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("transaction is not base64");
        }
    }

    private static boolean verifies(PublicKey owner, WireTransaction signed) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(owner.toByteArray(), 0));
        verifier.update(signed.message(), 0, signed.message().length);
        return verifier.verifySignature(signed.signatures().get(0));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster");
        }
    }
}
