package network.mmc.jobs.staking;

import java.time.Clock;
import java.time.Instant;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.nodes.NodeRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A wallet takes back what it staked for a node, signed over {@link UnstakeMessage}: the stake stops counting at
 * once (the node's stake drops with {@code stake_changed_at} now) and the tokens go back after the cool-down
 * ({@link UnstakePayouts}). A wallet takes back at most what it staked for the node and has not taken back: checked by
 * one conditional update of its balance row, so concurrent unstakes cannot take more, and backed by a check
 * constraint. Each message is accepted once, in nonce order.
 */
@Service
public class UnstakeRequests {

    private final Unstakes unstakes;
    private final NodeRegistry registry;
    private final StakingSettings settings;
    private final String hubId;
    private final Clock clock;
    private final TransactionTemplate transaction;

    UnstakeRequests(Unstakes unstakes, NodeRegistry registry, StakingSettings settings,
                    @Value("${mmc.hub-id}") String hubId, Clock clock, PlatformTransactionManager transactions) {
        this.unstakes = unstakes;
        this.registry = registry;
        this.settings = settings;
        this.hubId = hubId;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Unstake unstake(String nodeId, String walletText, Long amount, Long nonce, String signature) {
        SolanaAddress wallet = SolanaAddress.parse("wallet", walletText);
        UnstakeMessage.checkShape(amount, nonce);
        registry.find(nodeId);
        Ed25519Signatures.verify(wallet, UnstakeMessage.of(hubId, wallet.base58(), nodeId, amount, nonce), signature);
        // committed on its own: unstakes that both created the wallet's row and then updated it in one transaction
        // would deadlock
        unstakes.ensureWallet(wallet.base58());
        return transaction.execute(status -> accept(nodeId, wallet, amount, nonce, signature));
    }

    /** The wallet's last accepted unstake nonce, 0 before its first: the DApp signs the next one. */
    public long lastNonce(String walletText) {
        return unstakes.lastNonce(SolanaAddress.parse("wallet", walletText).base58());
    }

    /** In one transaction: the nonce, the wallet's stake for the node, the record and the node's stake. */
    private Unstake accept(String nodeId, SolanaAddress wallet, long amount, long nonce, String signature) {
        if (!unstakes.acceptNonce(wallet.base58(), nonce)) {
            throw new ConflictException("nonce " + nonce + " is not greater than the wallet's last unstake nonce "
                    + unstakes.lastNonce(wallet.base58()) + " (a replayed or out-of-order request): nothing changed");
        }
        if (!unstakes.withdraw(nodeId, wallet.base58(), amount)) {
            throw new ConflictException("amount " + amount + " exceeds what wallet " + wallet + " staked for node "
                    + nodeId + " and has not unstaked: " + unstakes.staked(nodeId, wallet.base58())
                    + " base units; nothing changed");
        }
        Instant now = clock.instant();
        long id;
        try {
            id = unstakes.insert(nodeId, wallet.base58(), amount, nonce, signature, now, now.plus(settings.coolDown()));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("this unstake message was accepted before: nothing changed");
        }
        registry.adjustStake(nodeId, -amount, "wallet:" + wallet, "unstake #" + id + ", paid back from "
                + now.plus(settings.coolDown()));
        return unstakes.find(id).orElseThrow();
    }
}
