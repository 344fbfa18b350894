package network.mmc.jobs.rewards;

import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import network.mmc.rewards.AuthorityBalance;
import network.mmc.rewards.AuthorityKey;
import network.mmc.rewards.DistributionMemo;
import network.mmc.rewards.JitoNewDistributor;
import network.mmc.rewards.Publication;
import network.mmc.rewards.PublishException;
import network.mmc.rewards.SolanaRootPublisher;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.MemoProgram;
import org.p2p.solanaj.rpc.RpcClient;
import org.p2p.solanaj.rpc.RpcException;
import org.p2p.solanaj.rpc.types.config.Commitment;
import org.springframework.stereotype.Component;

/** Publishes a pending version with the configured instruction, signed by the authority key, and confirms it. */
@Component
public class DistributionPublisher {

    private static final int STATUS_TIMEOUT_MS = 2_000;

    private final RewardSettings settings;
    private final Distributions distributions;
    private final Clock clock;

    DistributionPublisher(RewardSettings settings, Distributions distributions, Clock clock) {
        this.settings = settings;
        this.distributions = distributions;
        this.clock = clock;
    }

    /** Loads the authority key, failing with a clear message (and before anything is written) when it cannot. */
    public Account authority() {
        return AuthorityKey.load(settings.authorityKeypair());
    }

    /** The key and its balance, asking the RPC with short timeouts: for health checks and start-up, not for exports. */
    public AuthorityStatus status() {
        Account authority;
        try {
            authority = authority();
        } catch (IllegalStateException e) {
            return AuthorityStatus.unreadable(settings.authorityKeypair(), settings.rpcUrl(), e.getMessage());
        }
        String publicKey = authority.getPublicKey().toBase58();
        AuthorityBalance balance;
        try {
            RpcClient rpc = new RpcClient(settings.rpcUrl(), STATUS_TIMEOUT_MS, STATUS_TIMEOUT_MS, STATUS_TIMEOUT_MS);
            balance = new AuthorityBalance(publicKey, rpc.getApi().getBalance(authority.getPublicKey()), settings.rpcUrl());
        } catch (RpcException | RuntimeException e) {
            return new AuthorityStatus(settings.authorityKeypair(), settings.rpcUrl(), publicKey, null,
                    "no answer from " + settings.rpcUrl() + ": " + e.getMessage(), null);
        }
        return new AuthorityStatus(settings.authorityKeypair(), settings.rpcUrl(), publicKey, balance, null,
                balance.paysAFee() ? null : balance.shortfall());
    }

    public Distribution publish(Distribution pending) {
        Account authority = authority();
        SolanaRootPublisher publisher = new SolanaRootPublisher(new RpcClient(settings.rpcUrl()), authority,
                Commitment.valueOf(settings.commitment().toUpperCase(Locale.ROOT)), settings.confirmTimeout(),
                settings.pollInterval(), settings.attempts());
        try {
            Publication publication = publisher.publish(instruction(pending, authority),
                    new VersionAttempts(distributions, pending.version(), clock));
            Instant now = clock.instant();
            distributions.confirm(pending.version(), publication.signature(), publication.slot(), now);
            return distributions.version(pending.version()).orElseThrow();
        } catch (PublishException e) {
            distributions.recordFailure(pending.version(), e.getMessage());
            throw new PublishException("distribution v" + pending.version() + " stays unconfirmed, its requests stay"
                    + " REQUESTED and the next export retries it: " + e.getMessage(), e);
        }
    }

    private TransactionInstruction instruction(Distribution pending, Account authority) {
        byte[] root = HexFormat.of().parseHex(pending.root());
        if ("jito-new-distributor".equals(settings.instruction())) {
            PublicKey admin = authority.getPublicKey();
            return JitoNewDistributor.instruction(new PublicKey(settings.distributorProgram()), admin,
                    new PublicKey(settings.mint()), settings.clawbackReceiver() == null ? admin
                            : new PublicKey(settings.clawbackReceiver()), pending.version(), root, pending.total(),
                    pending.leafCount(), new JitoNewDistributor.Schedule(clock.instant().getEpochSecond(),
                            clock.instant().getEpochSecond(), clock.instant().getEpochSecond() + 86_400L * 365));
        }
        return MemoProgram.writeUtf8(authority.getPublicKey(),
                DistributionMemo.of(pending.version(), root, pending.total(), pending.leafCount()));
    }
}
