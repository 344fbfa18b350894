package network.mmc.jobs.rewards;

import java.nio.file.Path;
import network.mmc.rewards.AuthorityBalance;

/**
 * The authority as the next export would meet it: its keypair file; when readable, its public key and, when the RPC
 * answers, its balance. {@code problem} says in one line why an export with withdrawals waiting would fail now.
 */
public record AuthorityStatus(Path keypair, String rpcUrl, String publicKey, AuthorityBalance balance, String rpcError,
                              String problem) {

    static AuthorityStatus unreadable(Path keypair, String rpcUrl, String problem) {
        return new AuthorityStatus(keypair, rpcUrl, null, null, null, problem);
    }

    public boolean keyReadable() {
        return publicKey != null;
    }
}
