package network.mmc.jobs.token;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import network.mmc.jobs.rewards.RewardSettings;
import network.mmc.rewards.AttemptLog;
import network.mmc.rewards.AuthorityKey;
import network.mmc.rewards.Publication;
import network.mmc.rewards.SolanaRootPublisher;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.rpc.RpcClient;
import org.p2p.solanaj.rpc.RpcException;
import org.p2p.solanaj.rpc.types.AccountInfo;
import org.p2p.solanaj.rpc.types.config.Commitment;
import org.springframework.stereotype.Component;

/**
 * The cluster at {@code mmc.rewards.rpc-url} as the token and the claims use it: reads of accounts and balances, and
 * transactions signed by the authority key with the publisher's send / confirm / re-send rule. A read the cluster
 * does not answer throws {@link ChainUnavailableException} naming the RPC.
 */
@Component
public class SolanaChain {

    private final RewardSettings settings;

    SolanaChain(RewardSettings settings) {
        this.settings = settings;
    }

    public Account authority() {
        return AuthorityKey.load(settings.authorityKeypair());
    }

    public String rpcUrl() {
        return settings.rpcUrl();
    }

    /** Sends {@code instructions} in one transaction signed by {@code authority} and waits for the commitment. */
    public Publication send(Account authority, List<TransactionInstruction> instructions, AttemptLog log) {
        return new SolanaRootPublisher(rpc(), authority, commitment(), settings.confirmTimeout(),
                settings.pollInterval(), settings.attempts()).publish(instructions, log);
    }

    /** An account as the cluster has it at the commitment, empty when there is none. */
    public Optional<ChainAccount> account(PublicKey address) {
        AccountInfo info = read("account " + address, () -> rpc().getApi().getAccountInfo(address,
                Map.of("encoding", "base64", "commitment", commitment())));
        if (info.getValue() == null) {
            return Optional.empty();
        }
        return Optional.of(new ChainAccount(address, info.getValue().getOwner(), (long) info.getValue().getLamports(),
                info.getDecodedData()));
    }

    public long lamports(PublicKey address) {
        return read("the balance of " + address, () -> rpc().getApi().getBalance(address, commitment()));
    }

    public long rentExemption(long size) {
        return read("the rent of " + size + " bytes", () -> rpc().getApi().getMinimumBalanceForRentExemption(size,
                commitment()));
    }

    private RpcClient rpc() {
        return new RpcClient(settings.rpcUrl());
    }

    private Commitment commitment() {
        return Commitment.valueOf(settings.commitment().toUpperCase(Locale.ROOT));
    }

    private interface Read<T> {
        T get() throws RpcException;
    }

    private <T> T read(String what, Read<T> read) {
        try {
            return read.get();
        } catch (RpcException | RuntimeException e) {
            throw new ChainUnavailableException(what + " is unknown: no answer from " + settings.rpcUrl() + " ("
                    + e.getMessage() + ")", e);
        }
    }
}
