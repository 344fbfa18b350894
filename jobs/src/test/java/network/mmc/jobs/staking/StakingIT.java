package network.mmc.jobs.staking;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.probes.ProbeService;
import network.mmc.jobs.scheduling.SchedulerControl;
import network.mmc.jobs.simulation.LocalSolanaPeer;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.support.FastRewardsSettings;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestKeypairs;
import network.mmc.jobs.support.TestNode;
import network.mmc.jobs.token.TokenService;
import network.mmc.rewards.MmcToken;
import network.mmc.rewards.TokenAddresses;
import network.mmc.scheduler.TriggerView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.Transaction;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.MemoProgram;
import org.p2p.solanaj.programs.TokenProgram;
import org.p2p.solanaj.rpc.RpcClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Staking from a wallet on a real SVM (the litesvm peer): owners with real ed25519 keys sign what the Hub builds;
 * token balances are read from the peer, never from the Hub.
 */
class StakingIT extends HubIntegrationTest {

    private static final Path PEER_DIRECTORY = Path.of("../solana-peer");
    private static final int PEER_PORT = LoopbackAgents.unusedPort();
    private static final String PEER_URL = "http://127.0.0.1:" + PEER_PORT;
    private static final Account AUTHORITY = new Account();
    private static final Path KEYPAIR = TestKeypairs.write(AUTHORITY);
    private static final long MMC = 1_000_000_000L;
    private static final long MINIMUM = 1_000 * MMC;
    private static LocalSolanaPeer peer;

    /** The Hub's clock, which the cool-down test moves forward and back. */
    static final class AdjustableClock extends Clock {

        private volatile Duration offset = Duration.ZERO;

        void set(Duration offset) {
            this.offset = offset;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockOfTheseTests {

        @Bean
        @Primary
        AdjustableClock adjustableClock() {
            return new AdjustableClock();
        }
    }

    @Autowired
    AdjustableClock clock;

    @Autowired
    TokenService tokens;

    @Autowired
    UnstakePayouts payouts;

    @Autowired
    NodeRegistry registry;

    @Autowired
    ProbeService probes;

    @Autowired
    SchedulerControl scheduler;

    @DynamicPropertySource
    static void solana(DynamicPropertyRegistry registry) {
        FastRewardsSettings.register(registry, PEER_URL, KEYPAIR);
    }

    @BeforeAll
    static void startTheSvm() {
        peer = LocalSolanaPeer.start(PEER_DIRECTORY, PEER_PORT);
        peer.call("requestAirdrop", List.of(AUTHORITY.getPublicKeyBase58(), 100_000_000_000L));
    }

    @AfterAll
    static void stopTheSvm() {
        peer.close();
    }

    @BeforeEach
    void theTokenIsSetUpAndTheTreasuryHoldsTheEmission() {
        tokens.setup();
        if (tokens.treasuryBalance() < 100_000 * MMC) {
            tokens.mintEmission(1_000_000 * MMC);
        }
    }

    @Test
    void anOwnerStakesFromItsWalletAndTheSyncCreditsTheNodeOnce() {
        StakeOwner owner = fundedOwner(5_000 * MMC);
        String node = nodeOwnedBy(owner, NodeKind.COMPUTING);
        long vaultBefore = tokenBalance(vault());
        Instant before = clock.instant();

        HubClient.Response offer = owner.offer(node, 1_250 * MMC);
        String signed = owner.sign(offer.body().get("transaction").asString());
        HubClient.Response submitted = owner.submit(node, 1_250 * MMC, signed);

        assertThat(offer.status()).as(offer.text()).isEqualTo(200);
        assertThat(offer.body().get("memo").asString()).isEqualTo("MMC-STAKE node:" + node);
        assertThat(offer.body().get("vault").asString()).isEqualTo(vault().toBase58());
        assertThat(offer.body().get("source").asString()).isEqualTo(ownersAccount(owner).toBase58());
        assertThat(offer.body().get("summary").asString()).startsWith("Stake 1250.000000000 MMC for node " + node
                + ": transfer 1250000000000 base units from your token account " + ownersAccount(owner));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        JsonNode transfer = submitted.body().get("transfer");
        assertThat(transfer.get("status").asString()).isEqualTo("CREDITED");
        assertThat(transfer.get("amount").asLong()).isEqualTo(1_250 * MMC);
        assertThat(transfer.get("sender").asString()).isEqualTo(owner.wallet);
        assertThat(tokenBalance(vault())).isEqualTo(vaultBefore + 1_250 * MMC);
        assertThat(tokenBalance(ownersAccount(owner))).isEqualTo(3_750 * MMC);
        assertThat(hub().get("/api/nodes/" + node).body().get("stake").asLong()).isEqualTo(1_250 * MMC);
        Instant changedAt = stakeChangedAt(node);
        assertThat(changedAt).isAfterOrEqualTo(before.minusMillis(1)).isBeforeOrEqualTo(clock.instant());
        assertThat(jdbc.queryForObject("SELECT changed_by FROM stake_change WHERE node_id = ? ORDER BY id DESC LIMIT 1",
                String.class, node)).isEqualTo("wallet:" + owner.wallet);

        HubClient.Response again = owner.submit(node, 1_250 * MMC, signed);
        HubClient.Response synced = hub().post("/api/staking/sync", Map.of());

        assertThat(again.status()).as(again.text()).isEqualTo(201);
        assertThat(again.body().get("signature").asString()).isEqualTo(submitted.body().get("signature").asString());
        assertThat(synced.status()).as(synced.text()).isEqualTo(200);
        assertThat(tokenBalance(vault())).isEqualTo(vaultBefore + 1_250 * MMC);
        JsonNode state = hub().get("/api/staking/nodes/" + node).body();
        assertThat(state.get("stake").asLong()).isEqualTo(1_250 * MMC);
        assertThat(state.get("wallets").get(0).get("deposited").asLong()).isEqualTo(1_250 * MMC);
        assertThat(state.get("transfers").size()).isEqualTo(1);
        assertThat(state.get("active").asBoolean()).isTrue();
    }

    @Test
    void aTransactionThatIsNotTheOneBuiltForTheStakeIsRefusedAndNothingIsSent() {
        StakeOwner owner = fundedOwner(100 * MMC);
        StakeOwner stranger = fundedOwner(100 * MMC);
        String node = nodeOwnedBy(owner, NodeKind.COMPUTING);
        String unsigned = owner.offer(node, 10 * MMC).body().get("transaction").asString();
        int vaultTransactions = transactionsOf(vault().toBase58());

        assertRefused(owner.submit(node, 11 * MMC, owner.sign(unsigned)), 400,
                "transaction is not the one built for staking 11000000000 base units for node " + node);
        assertRefused(owner.submit(node, 10 * MMC, stranger.sign(unsigned)), 400,
                "transaction's signature does not verify for the owner wallet " + owner.wallet);
        assertRefused(owner.submit(node, 10 * MMC, unsigned), 400, "signature does not verify");
        assertRefused(owner.submit(node, 10 * MMC, "not base64!"), 400, "transaction is not base64");
        assertRefused(owner.submit(node, 10 * MMC, Base64.getEncoder().encodeToString(new byte[10])), 400,
                "not a Solana transaction");
        assertRefused(stranger.offer(node, 10 * MMC), 409, "wallet " + stranger.wallet + " is not the owner of node "
                + node);
        assertRefused(owner.offer(node, 101 * MMC), 409, "holds 100000000000 base units of MMC");
        assertRefused(owner.offer(node, 0), 400, "amount must be a positive number of base units, got 0");
        assertRefused(owner.offer(TestNode.aWallet(), MMC), 404, "unknown node");
        assertThat(transactionsOf(vault().toBase58())).isEqualTo(vaultTransactions);
        assertThat(tokenBalance(ownersAccount(owner))).isEqualTo(100 * MMC);
    }

    @Test
    void transfersIntoTheVaultThatAreNotTheOwnersStakeAreReportedNotCredited() throws Exception {
        StakeOwner owner = fundedOwner(100 * MMC);
        StakeOwner stranger = fundedOwner(100 * MMC);
        String node = nodeOwnedBy(owner, NodeKind.COMPUTING);
        String unknownNode = TestNode.aWallet();

        String fromStranger = transferToVault(stranger, 7 * MMC, "MMC-STAKE node:" + node);
        String forUnknownNode = transferToVault(owner, 3 * MMC, "MMC-STAKE node:" + unknownNode);
        String malformed = transferToVault(owner, 2 * MMC, "stake " + node);
        HubClient.Response synced = hub().post("/api/staking/sync", Map.of());

        assertThat(synced.status()).as(synced.text()).isEqualTo(200);
        assertThat(synced.body().get("reported").asInt()).isEqualTo(3);
        assertThat(synced.body().get("credited").asInt()).isZero();
        assertThat(hub().get("/api/nodes/" + node).body().get("stake").asLong()).isZero();
        JsonNode state = hub().get("/api/staking/nodes/" + node).body();
        assertThat(state.get("transfers").size()).isEqualTo(1);
        JsonNode reported = state.get("transfers").get(0);
        assertThat(reported.get("signature").asString()).isEqualTo(fromStranger);
        assertThat(reported.get("status").asString()).isEqualTo("REPORTED");
        assertThat(reported.get("amount").asLong()).isEqualTo(7 * MMC);
        assertThat(reported.get("reason").asString()).isEqualTo("sent by " + stranger.wallet + ", not by the owner"
                + " wallet of node " + node + " (" + owner.wallet + "): only the owner's transfers count");
        List<JsonNode> all = hub().get("/api/staking/transfers?status=REPORTED").body().valueStream().toList();
        assertThat(all).anySatisfy(t -> {
            assertThat(t.get("signature").asString()).isEqualTo(forUnknownNode);
            assertThat(t.get("reason").asString()).isEqualTo("the memo names node " + unknownNode
                    + ", which is not registered");
        });
        assertThat(all).anySatisfy(t -> {
            assertThat(t.get("signature").asString()).isEqualTo(malformed);
            assertThat(t.get("reason").asString()).isEqualTo("the memo 'stake " + node
                    + "' is not 'MMC-STAKE node:<node id>'");
        });
        assertThat(hub().post("/api/staking/sync", Map.of()).body().get("read").asInt()).as("each once").isZero();
        assertRefused(hub().get("/api/staking/transfers?status=LOST"), 400,
                "status must be CREDITED, REPORTED or IGNORED, got 'LOST'");
    }

    @Test
    void anUnstakeStopsCountingAtOnceAndIsPaidBackOnceAfterTheCoolDown() {
        StakeOwner owner = fundedOwner(500 * MMC);
        String node = nodeOwnedBy(owner, NodeKind.COMPUTING);
        assertThat(owner.stake(node, 400 * MMC).status()).isEqualTo(201);
        Instant before = clock.instant();

        HubClient.Response unstaked = owner.unstake(node, 150 * MMC, 1);

        assertThat(unstaked.status()).as(unstaked.text()).isEqualTo(201);
        assertThat(unstaked.body().get("status").asString()).isEqualTo("WAITING");
        Instant requested = Instant.parse(unstaked.body().get("requestedAt").asString());
        assertThat(Instant.parse(unstaked.body().get("dueAt").asString())).isEqualTo(requested.plus(Duration.ofDays(7)));
        assertThat(hub().get("/api/nodes/" + node).body().get("stake").asLong()).isEqualTo(250 * MMC);
        assertThat(stakeChangedAt(node)).isAfterOrEqualTo(before.minusMillis(1));
        assertRefused(owner.unstake(node, 150 * MMC, 1), 409, "nonce 1 is not greater than the wallet's last unstake"
                + " nonce 1 (a replayed or out-of-order request)");
        assertRefused(owner.unstake(node, 251 * MMC, 2), 409, "amount 251000000000 exceeds what wallet " + owner.wallet
                + " staked for node " + node + " and has not unstaked: 250000000000 base units");
        assertRefused(owner.unstake(node, Map.of("wallet", owner.wallet, "amount", MMC, "nonce", 3,
                "signature", owner.signUnstake("another-hub", node, MMC, 3))), 400, "signature does not verify");
        assertRefused(owner.unstake(node, Map.of("wallet", owner.wallet, "amount", MMC, "nonce", 3,
                "signature", owner.signUnstake(TestNode.HUB_ID, node, 2 * MMC, 3))), 400, "signature does not verify");
        assertThat(hub().get("/api/nodes/" + node).body().get("stake").asLong()).isEqualTo(250 * MMC);

        long id = unstaked.body().get("id").asLong();
        assertThat(payouts.payDue()).noneMatch(u -> u.id() == id);
        assertThat(tokenBalance(ownersAccount(owner))).as("not before the cool-down").isEqualTo(100 * MMC);
        List<Unstake> paid;
        List<Unstake> paidAgain;
        try {
            clock.set(Duration.ofDays(7).plusMinutes(1));
            paid = payouts.payDue();
            paidAgain = payouts.payDue();
        } finally {
            clock.set(Duration.ZERO);
        }

        assertThat(paid).filteredOn(u -> u.id() == id).singleElement().satisfies(u -> {
            assertThat(u.status()).isEqualTo("PAID");
            assertThat(u.transaction()).isNotNull();
        });
        assertThat(paidAgain).noneMatch(u -> u.id() == id);
        assertThat(tokenBalance(ownersAccount(owner))).isEqualTo(250 * MMC);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM unstake_attempt WHERE unstake_id = ?", Long.class, id))
                .isEqualTo(1);
        JsonNode state = hub().get("/api/staking/nodes/" + node).body();
        assertThat(state.get("unstakes").get(0).get("status").asString()).isEqualTo("PAID");
        assertThat(state.get("wallets").get(0).get("withdrawn").asLong()).isEqualTo(150 * MMC);
        assertThat(hub().post("/api/staking/sync", Map.of()).body().get("credited").asInt())
                .as("the payout out of the vault credits nothing").isZero();
    }

    @Test
    void concurrentUnstakesNeverTakeBackMoreThanWasStaked() throws Exception {
        StakeOwner owner = fundedOwner(100 * MMC);
        String node = nodeOwnedBy(owner, NodeKind.COMPUTING);
        assertThat(owner.stake(node, 100 * MMC).status()).isEqualTo(201);
        List<Callable<HubClient.Response>> requests = new ArrayList<>();
        for (int nonce = 1; nonce <= 6; nonce++) {
            long n = nonce;
            requests.add(() -> owner.unstake(node, 40 * MMC, n));
        }

        List<HubClient.Response> responses = atOnce(requests);

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.text()).isIn(201, 409));
        long accepted = responses.stream().filter(r -> r.status() == 201).count();
        assertThat(accepted).isBetween(1L, 2L);
        assertThat(jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM unstake WHERE node_id = ?", Long.class,
                node)).isEqualTo(accepted * 40 * MMC).isLessThanOrEqualTo(100 * MMC);
        assertThat(jdbc.queryForObject("SELECT withdrawn FROM stake_balance WHERE node_id = ?", Long.class, node))
                .isEqualTo(accepted * 40 * MMC);
        assertThat(hub().get("/api/nodes/" + node).body().get("stake").asLong())
                .isEqualTo(100 * MMC - accepted * 40 * MMC);
    }

    @Test
    void aValidatorIsNotActiveUntilItsOwnerStakedTheMinimum() {
        StakeOwner owner = fundedOwner(2 * MINIMUM);
        String validator = nodeOwnedBy(owner, NodeKind.VALIDATOR);
        registry.approve(validator, "ops", "a validator of the staking tests");

        assertThat(probes.validators()).doesNotContain(validator);
        assertThat(triggers()).doesNotContain("probe-" + validator);
        assertThatThrownBy(() -> probes.probeNow(validator, null)).isInstanceOf(ConflictException.class)
                .hasMessage("node " + validator + " is a VALIDATOR with a stake of 0 base units, below the minimum "
                        + MINIMUM + " (mmc.staking.min-stake): it is not active until its owner stakes the rest"
                        + " (POST /api/staking/nodes/" + validator + "/stake-transactions)");
        JsonNode before = hub().get("/api/staking/nodes/" + validator).body();
        assertThat(before.get("minimumStake").asLong()).isEqualTo(MINIMUM);
        assertThat(before.get("active").asBoolean()).isFalse();

        assertThat(owner.stake(validator, MINIMUM - 1).status()).isEqualTo(201);
        assertThat(probes.validators()).doesNotContain(validator);
        assertThat(owner.stake(validator, 1).status()).isEqualTo(201);

        assertThat(probes.validators()).contains(validator);
        assertThat(triggers()).contains("probe-" + validator);
        assertThat(hub().get("/api/staking/nodes/" + validator).body().get("active").asBoolean()).isTrue();
        assertThat(owner.unstake(validator, 1, 1).status()).isEqualTo(201);
        assertThat(probes.validators()).doesNotContain(validator);
        assertThatThrownBy(() -> probes.probeNow(validator, null)).hasMessageContaining("below the minimum");
    }

    @Test
    void theTermsNameTheVaultTheMemoAndTheUnstakeText() {
        JsonNode terms = hub().get("/api/staking").body();

        assertThat(terms.get("vault").asString()).isEqualTo(vault().toBase58());
        assertThat(terms.get("memo").asString()).isEqualTo("MMC-STAKE node:<node id>");
        assertThat(terms.get("unstakeMessage").asString()).isEqualTo("MMC-UNSTAKE\nhub:" + TestNode.HUB_ID
                + "\nwallet:<wallet>\nnode:<node id>\namount:<base units>\nnonce:<greater than the last>");
        assertThat(terms.get("minimumStake").asLong()).isEqualTo(MINIMUM);
        assertThat(terms.get("coolDown").asString()).isEqualTo("PT168H");
    }

    /** A wallet with SOL for fees and {@code tokens} base units of MMC in its associated token account. */
    private StakeOwner fundedOwner(long amount) {
        StakeOwner owner = new StakeOwner(hub());
        peer.call("requestAirdrop", List.of(owner.wallet, 1_000_000_000L));
        send(AUTHORITY, MmcToken.payFromTreasury(AUTHORITY.getPublicKey(), tokens.addresses(),
                owner.account.getPublicKey(), amount, "staking-test-funding:" + System.nanoTime()));
        return owner;
    }

    /** A node registered, online, whose owner wallet is {@code owner}'s. */
    private String nodeOwnedBy(StakeOwner owner, NodeKind kind) {
        TestNode node = TestNode.aNode();
        assertThat(hub().post("/api/nodes", node.registerRequest(kind, null)).status()).isEqualTo(201);
        assertThat(hub().post("/api/nodes/" + node.id() + "/status", node.statusRequest()).status()).isEqualTo(200);
        assertThat(hub().post("/api/nodes/" + node.id() + "/wallet", node.bindRequest(owner.wallet)).status())
                .isEqualTo(200);
        return node.id();
    }

    /** A transfer into the vault that the wallet makes on its own, past the Hub. */
    private String transferToVault(StakeOwner from, long amount, String memo) {
        return send(from.account, List.of(TokenProgram.transferChecked(ownersAccount(from), vault(), amount,
                (byte) MmcToken.DECIMALS, from.account.getPublicKey(), tokens.addresses().mint()),
                MemoProgram.writeUtf8(from.account.getPublicKey(), memo)));
    }

    private static String send(Account signer, List<TransactionInstruction> instructions) {
        Transaction transaction = new Transaction();
        instructions.forEach(transaction::addInstruction);
        try {
            return new RpcClient(PEER_URL).getApi().sendTransaction(transaction, signer);
        } catch (Exception e) {
            throw new AssertionError("the peer refused the transaction: " + e.getMessage(), e);
        }
    }

    private Instant stakeChangedAt(String node) {
        return UtcTimestamps.toInstant(jdbc.queryForObject("SELECT stake_changed_at FROM node WHERE node_id = ?",
                Timestamp.class, node));
    }

    private PublicKey vault() {
        return tokens.addresses().vault();
    }

    private PublicKey ownersAccount(StakeOwner owner) {
        return TokenAddresses.associatedTokenAccount(owner.account.getPublicKey(), tokens.addresses().mint());
    }

    private List<String> triggers() {
        return scheduler.triggers().stream().map(TriggerView::name).toList();
    }

    private static long tokenBalance(PublicKey account) {
        JsonNode value = peer.call("getTokenAccountBalance", List.of(account.toBase58())).get("result").get("value");
        return Long.parseLong(value.get("amount").asString());
    }

    private static int transactionsOf(String address) {
        return peer.call("getSignaturesForAddress", List.of(address)).get("result").size();
    }

    private static void assertRefused(HubClient.Response response, int status, String reason) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.text()).contains(reason);
    }

    private static List<HubClient.Response> atOnce(List<Callable<HubClient.Response>> requests) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HubClient.Response>> sent = new ArrayList<>();
            for (Callable<HubClient.Response> request : requests) {
                sent.add(threads.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<HubClient.Response> responses = new ArrayList<>();
            for (Future<HubClient.Response> response : sent) {
                responses.add(response.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }
}
