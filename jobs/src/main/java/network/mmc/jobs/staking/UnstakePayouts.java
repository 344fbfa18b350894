package network.mmc.jobs.staking;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import network.mmc.jobs.database.NamedLocks;
import network.mmc.jobs.token.ChainUnavailableException;
import network.mmc.jobs.token.SolanaChain;
import network.mmc.jobs.token.TokenService;
import network.mmc.rewards.MmcToken;
import network.mmc.rewards.Publication;
import network.mmc.rewards.PublishException;
import network.mmc.rewards.TokenAddresses;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.AssociatedTokenProgram;
import org.p2p.solanaj.programs.MemoProgram;
import org.p2p.solanaj.programs.TokenProgram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Pays back unstakes whose cool-down ended: from the stake vault to the wallet's associated token account (created
 * when missing), in a transaction signed by the authority, the vault's owner. Each unstake is paid once, by the
 * claims' rule: every transaction is stored before it is sent, and a new one is sent only once every earlier one's
 * blockhash expired without it landing, so a crash between sending and recording, or a lost confirmation, is finished
 * by the next run and never pays twice. One payer at a time across every Hub process (a named lock).
 */
@Service
public class UnstakePayouts {

    static final String LOCK = "mmc-unstake-payouts";
    private static final Logger log = LoggerFactory.getLogger(UnstakePayouts.class);

    private final Unstakes unstakes;
    private final SolanaChain chain;
    private final TokenService tokens;
    private final NamedLocks locks;
    private final String hubId;
    private final Clock clock;

    UnstakePayouts(Unstakes unstakes, SolanaChain chain, TokenService tokens, NamedLocks locks,
                   @Value("${mmc.hub-id}") String hubId, Clock clock) {
        this.unstakes = unstakes;
        this.chain = chain;
        this.tokens = tokens;
        this.locks = locks;
        this.hubId = hubId;
        this.clock = clock;
    }

    /** Pays every due unstake not yet seen paid, oldest first; answers them as they are after it. */
    public List<Unstake> payDue() {
        return locks.whileHolding(LOCK, () -> "unstakes are being paid right now; ask again once that ended", () -> {
            List<Unstake> after = new ArrayList<>();
            for (Unstake due : unstakes.due(clock.instant())) {
                after.add(pay(due));
            }
            return after;
        });
    }

    private Unstake pay(Unstake unstake) {
        try {
            Account authority = chain.authority();
            Publication publication = chain.send(authority, instructions(authority.getPublicKey(), tokens.addresses(),
                    unstake), new UnstakeAttempts(unstakes, unstake.id(), clock));
            unstakes.paid(unstake.id(), publication.signature(), publication.slot(), clock.instant());
            log.info("unstake #{}: {} base units paid back to {} in transaction {}", unstake.id(), unstake.amount(),
                    unstake.wallet(), publication.signature());
        } catch (PublishException | ChainUnavailableException | IllegalStateException e) {
            log.warn("unstake #{} of {} not seen paid: {}", unstake.id(), unstake.wallet(), e.getMessage());
            unstakes.recordFailure(unstake.id(), e.getMessage().replace(chain.rpcUrl(), "the Solana RPC"));
        }
        return unstakes.find(unstake.id()).orElseThrow();
    }

    /**
     * The wallet's token account (created idempotently, rent paid by the authority), a checked transfer from the vault
     * signed by the authority, and a memo naming the unstake: two equal payouts are two transactions, and the chain
     * shows which unstake a transfer paid.
     */
    private List<TransactionInstruction> instructions(PublicKey authority, TokenAddresses token, Unstake unstake) {
        PublicKey wallet = new PublicKey(unstake.wallet());
        return List.of(AssociatedTokenProgram.createIdempotent(authority, wallet, token.mint()),
                TokenProgram.transferChecked(token.vault(), TokenAddresses.associatedTokenAccount(wallet, token.mint()),
                        unstake.amount(), (byte) MmcToken.DECIMALS, authority, token.mint()),
                MemoProgram.writeUtf8(authority, "mmc-unstake:" + hubId + ":" + unstake.id()));
    }
}
