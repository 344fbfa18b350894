package network.mmc.jobs.rewards;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.TestNode;
import network.mmc.ledger.ClaimMessage;
import network.mmc.ledger.WithdrawalMessage;
import network.mmc.node.NodeIdentity;
import org.p2p.solanaj.core.Account;
import org.springframework.jdbc.core.JdbcTemplate;

/** A wallet with a settled balance (one ACCRUAL of a past window) whose owner signs §7 withdrawals and §9 claims. */
final class WalletOwner {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Timestamp WINDOW = Timestamp.valueOf("2020-01-01 00:00:00");

    private final Account account = new Account();
    private final HubClient hub;
    final String wallet = account.getPublicKeyBase58();
    final long settled;

    private WalletOwner(HubClient hub, long settled) {
        this.hub = hub;
        this.settled = settled;
    }

    static WalletOwner withSettled(long settled, JdbcTemplate jdbc, HubClient hub) {
        WalletOwner owner = new WalletOwner(hub, settled);
        int revision = RANDOM.nextInt(1, Integer.MAX_VALUE);
        jdbc.update("INSERT INTO settlement_run (window_start, window_end, revision, status, pool, allocated, unallocated,"
                + " input_sha256, node_count, call_count, job_execution_id, completed_at) VALUES (?, ?, ?, 'COMPLETED', ?, ?, 0,"
                + " REPEAT('0', 64), 1, 1, 0, ?)", WINDOW, WINDOW, revision, settled, settled, Timestamp.from(Instant.now()));
        Long run = jdbc.queryForObject("SELECT id FROM settlement_run WHERE window_start = ? AND revision = ?", Long.class,
                WINDOW, revision);
        jdbc.update("INSERT INTO ledger_entry (wallet, run_id, window_start, revision, entry_type, amount, created_at)"
                + " VALUES (?, ?, ?, ?, 'ACCRUAL', ?, ?)", owner.wallet, run, WINDOW, revision, settled,
                Timestamp.from(Instant.now()));
        return owner;
    }

    String sign(long amount, long nonce) {
        return Ed25519Signatures.sign(Arrays.copyOf(account.getSecretKey(), 32),
                WithdrawalMessage.of(TestNode.HUB_ID, wallet, amount, nonce));
    }

    HubClient.Response withdraw(long amount, long nonce) {
        return hub.post("/api/rewards/" + wallet + "/withdrawals",
                Map.of("amount", amount, "nonce", nonce, "signature", sign(amount, nonce)));
    }

    String signClaim(String hubId, long version, long cumulative) {
        return Ed25519Signatures.sign(Arrays.copyOf(account.getSecretKey(), 32),
                ClaimMessage.of(hubId, wallet, version, cumulative));
    }

    HubClient.Response claim(long version, long cumulative) {
        return claim(Map.of("version", version, "cumulative", cumulative,
                "signature", signClaim(TestNode.HUB_ID, version, cumulative)));
    }

    HubClient.Response claim(Map<String, Object> body) {
        return hub.post("/api/rewards/" + wallet + "/claims", body);
    }

    /** The owner's key as a Solana CLI keypair file holds it, for the commands that sign with one. */
    String keypairJson() {
        return NodeIdentity.keypairJson(account);
    }

    HubClient.Response rewards() {
        return hub.get("/api/rewards/" + wallet);
    }
}
