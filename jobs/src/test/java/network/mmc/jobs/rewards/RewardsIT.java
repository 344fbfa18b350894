package network.mmc.jobs.rewards;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.batch.HubInstance;
import network.mmc.jobs.cli.InProcessCommands;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.simulation.LocalSolanaPeer;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.FastRewardsSettings;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.jobs.support.TestKeypairs;
import network.mmc.jobs.support.TestNode;
import network.mmc.ledger.WithdrawalMessage;
import network.mmc.node.NodeIdentity;
import network.mmc.rewards.Claim;
import network.mmc.rewards.MerkleDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.utils.Base58;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import tools.jackson.databind.JsonNode;

class RewardsIT extends HubIntegrationTest {

    private static final Path PEER_DIRECTORY = Path.of("../solana-peer");
    private static final int PEER_PORT = LoopbackAgents.unusedPort();
    private static final String PEER_URL = "http://127.0.0.1:" + PEER_PORT;
    private static LocalSolanaPeer peer;
    private static final Account AUTHORITY = new Account();
    private static final Path KEYPAIR = TestKeypairs.write(AUTHORITY);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final InProcessCommands COMMANDS = new InProcessCommands();

    @Autowired
    ExportService export;

    @Autowired
    Distributions distributions;

    @Autowired
    ApiKeys apiKeys;

    @DynamicPropertySource
    static void solana(DynamicPropertyRegistry registry) {
        FastRewardsSettings.register(registry, PEER_URL, KEYPAIR);
    }

    @AfterAll
    static void stopPeer() {
        stopTheSvm();
        COMMANDS.close();
    }

    @AfterEach
    void showEverything() {
        if (peer != null) {
            peer.call("mmcHideStatuses", List.of(false));
            peer.call("mmcDropNext", List.of(0));
        }
    }

    private static void startTheSvm() {
        if (peer == null) {
            peer = LocalSolanaPeer.start(PEER_DIRECTORY, PEER_PORT);
        }
        peer.call("requestAirdrop", List.of(AUTHORITY.getPublicKeyBase58(), 10_000_000_000L));
    }

    private static void stopTheSvm() {
        if (peer != null) {
            peer.close();
            peer = null;
        }
    }

    @Test
    void withdrawalsAreExportedPublishedOnTheSvmAndProvable() {
        Owner alice = owner(5_000_000_000L);
        Owner bob = owner(900_000_000L);
        assertThat(alice.withdraw(1_500_000_000L, 1).status()).isEqualTo(201);
        assertThat(alice.withdraw(500_000_000L, 2).status()).isEqualTo(201);
        assertThat(bob.withdraw(900_000_000L, 7).status()).isEqualTo(201);
        startTheSvm();

        Distribution version = export.export().orElseThrow();

        assertThat(version.status()).isEqualTo("CONFIRMED");
        JsonNode proof = hub().get("/api/rewards/" + alice.wallet + "/proof").body();
        assertThat(proof.get("version").asLong()).isEqualTo(version.version());
        assertThat(proof.get("cumulative").asLong()).isEqualTo(2_000_000_000L);
        assertThat(proof.get("root").asString()).isEqualTo(version.root());
        List<byte[]> siblings = proof.get("proof").valueStream().map(p -> HexFormat.of().parseHex(p.asString())).toList();
        assertThat(MerkleDistribution.verify(HexFormat.of().parseHex(version.root()),
                MerkleDistribution.leaf(new Claim(Base58.decode(alice.wallet), 2_000_000_000L)), siblings)).isTrue();
        String memo = "mmc-distribution:v" + version.version() + ":" + version.root() + ":" + version.total() + ":"
                + version.leafCount();
        JsonNode transaction = peer.call("getTransaction", List.of(version.signature())).get("result");
        byte[] wire = Base64.getDecoder().decode(transaction.get("transaction").get(0).asString());
        assertThat(new String(wire, StandardCharsets.UTF_8)).contains(memo);
        assertThat(transaction.get("meta").get("logMessages").toString()).contains("Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo success");
        JsonNode view = hub().get("/api/rewards/" + alice.wallet).body();
        assertThat(view.get("settled").asLong()).isEqualTo(5_000_000_000L);
        assertThat(view.get("withdrawable").asLong()).isEqualTo(3_000_000_000L);
        assertThat(view.get("withdrawals").valueStream().map(w -> w.get("status").asString())).containsOnly("SYNCED");
        assertThat(export.export()).isEmpty();
    }

    @Test
    void aFailedPublishKeepsTheVersionPendingAndTheNextExportPublishesTheSameVersion() {
        Owner carol = owner(3_000_000_000L);
        assertThat(carol.withdraw(1_000_000_000L, 1).status()).isEqualTo(201);
        stopTheSvm();

        assertThatThrownBy(export::export).hasMessageContaining("stays unconfirmed");
        Distribution pending = distributions.pending().orElseThrow();
        // failure drill: the RPC stays down for the whole export window, over several scheduled exports
        assertThatThrownBy(export::export).hasMessageContaining("stays unconfirmed");
        assertThat(distributions.pending().orElseThrow().version()).isEqualTo(pending.version());
        assertThat(attempts(pending.version())).as("transactions sent while the RPC was down").isEmpty();
        assertThat(jdbc.queryForList("SELECT status FROM withdrawal_request WHERE wallet = ?", String.class, carol.wallet))
                .containsOnly("REQUESTED");

        startTheSvm();
        Distribution published = export.export().orElseThrow();

        assertThat(published.version()).isEqualTo(pending.version());
        assertThat(published.root()).isEqualTo(pending.root());
        assertThat(published.status()).isEqualTo("CONFIRMED");
        assertThat(jdbc.queryForList("SELECT status FROM withdrawal_request WHERE wallet = ?", String.class, carol.wallet))
                .containsOnly("SYNCED");
        assertThat(export.export()).as("the export after it").isEmpty();
        assertThat(attempts(pending.version())).containsExactly(published.signature());
        assertThat(publishedOnChain(pending.version())).as("published once").containsExactly(published.signature());
    }

    @Test
    void aLostTransactionIsResentWithAFreshBlockhashOnceItsBlockhashExpired() {
        Owner frank = owner(4_000_000_000L);
        assertThat(frank.withdraw(1_000_000_000L, 1).status()).isEqualTo(201);
        startTheSvm();
        peer.call("mmcDropNext", List.of(1));

        Distribution published = export.export().orElseThrow();

        List<String> attempts = attempts(published.version());
        assertThat(attempts).hasSize(2).endsWith(published.signature());
        JsonNode statuses = peer.call("getSignatureStatuses", List.of(attempts)).get("result").get("value");
        assertThat(statuses.get(0).isNull()).as("the lost transaction never lands").isTrue();
        assertThat(statuses.get(1).get("confirmationStatus").asString()).isEqualTo("finalized");
    }

    @Test
    void aLandedTransactionWhoseConfirmationWasNotSeenIsNeverPublishedAgain() {
        Owner grace = owner(4_000_000_000L);
        assertThat(grace.withdraw(2_000_000_000L, 1).status()).isEqualTo(201);
        startTheSvm();
        peer.call("mmcHideStatuses", List.of(true));

        assertThatThrownBy(export::export).hasMessageContaining("not re-sent");
        assertThatThrownBy(export::export).as("a second export while the first transaction can still land")
                .hasMessageContaining("not re-sent");
        Distribution pending = distributions.pending().orElseThrow();
        List<String> sent = attempts(pending.version());
        assertThat(sent).hasSize(1);
        peer.call("mmcHideStatuses", List.of(false));
        assertThat(publishedOnChain(pending.version())).containsExactly(sent.get(0));

        Distribution published = export.export().orElseThrow();

        assertThat(published.version()).isEqualTo(pending.version());
        assertThat(published.signature()).isEqualTo(sent.get(0));
        assertThat(attempts(pending.version())).containsExactly(sent.get(0));
    }

    @Test
    void aLostTransactionIsResentOnceItsBlockhashExpiredAndNotBefore() {
        Owner ivan = owner(4_000_000_000L);
        assertThat(ivan.withdraw(1_000_000_000L, 1).status()).isEqualTo(201);
        startTheSvm();
        peer.call("mmcDropNext", List.of(1, false));
        assertThatThrownBy(export::export).hasMessageContaining("not re-sent");
        Distribution pending = distributions.pending().orElseThrow();

        assertThatThrownBy(export::export).as("a second export while the lost transaction could still land")
                .hasMessageContaining("not re-sent");
        assertThat(attempts(pending.version())).hasSize(1);
        peer.call("mmcAdvanceBlocks", List.of(151));
        Distribution published = export.export().orElseThrow();

        assertThat(published.version()).isEqualTo(pending.version());
        assertThat(attempts(pending.version())).hasSize(2).endsWith(published.signature());
        assertThat(publishedOnChain(pending.version())).containsExactly(published.signature());
    }

    @Test
    void whenTheClusterDoesNotAnswerWhetherATransactionLandedNothingIsSent() {
        Owner judy = owner(4_000_000_000L);
        assertThat(judy.withdraw(1_000_000_000L, 1).status()).isEqualTo(201);
        startTheSvm();
        peer.call("mmcHideStatuses", List.of(true));
        assertThatThrownBy(export::export).hasMessageContaining("not re-sent");
        peer.call("mmcHideStatuses", List.of(false));
        // its blockhash has expired: only its status says that it landed
        peer.call("mmcAdvanceBlocks", List.of(151));
        Distribution pending = distributions.pending().orElseThrow();
        List<String> sent = attempts(pending.version());

        peer.call("mmcFailNext", List.of("getSignatureStatuses", 1));
        assertThatThrownBy(export::export).hasMessageContaining("landed is unknown");
        peer.call("mmcFailNext", List.of("getBlockHeight", 1));
        assertThatThrownBy(export::export).hasMessageContaining("block height is unknown");

        assertThat(attempts(pending.version())).isEqualTo(sent);
        assertThat(publishedOnChain(pending.version())).isEqualTo(sent);
        assertThat(export.export().orElseThrow().signature()).isEqualTo(sent.get(0));
    }

    @Test
    void twoExportsAtOnceSendOneTransaction() {
        Owner kate = owner(4_000_000_000L);
        assertThat(kate.withdraw(1_000_000_000L, 1).status()).isEqualTo(201);
        stopTheSvm();
        assertThatThrownBy(export::export).hasMessageContaining("stays unconfirmed");
        Distribution pending = distributions.pending().orElseThrow();
        startTheSvm();
        peer.call("mmcHideStatuses", List.of(true));

        List<CompletableFuture<Throwable>> exports = List.of(failureOf(export::export), failureOf(export::export));

        assertThat(exports).allSatisfy(e -> assertThat(e.get(60, TimeUnit.SECONDS)).isNotNull().message()
                .containsAnyOf("not re-sent", "another export sent a transaction for this version meanwhile",
                        "another export is running right now"));
        peer.call("mmcHideStatuses", List.of(false));
        assertThat(publishedOnChain(pending.version())).hasSize(1).isEqualTo(attempts(pending.version()));
        assertThat(export.export().orElseThrow().signature()).isEqualTo(attempts(pending.version()).get(0));
    }

    @Test
    void anExportWhileAnotherHubProcessExportsIsRefusedAtOnceAndSendsNothing() throws Exception {
        Owner lena = owner(2_000_000_000L);
        assertThat(lena.withdraw(500_000_000L, 1).status()).isEqualTo(201);
        long versionsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM distribution", Long.class);
        TestDatabase db = TestDatabase.get();
        try (Connection otherHub = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement statement = otherHub.createStatement()) {
            try (ResultSet locked = statement.executeQuery("SELECT GET_LOCK('mmc-export', 0)")) {
                assertThat(locked.next() && locked.getInt(1) == 1).isTrue();
            }

            assertThatThrownBy(export::export).isInstanceOf(ConflictException.class)
                    .hasMessageContaining("another export is running right now");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM distribution", Long.class)).isEqualTo(versionsBefore);
            // released here, not by the close: the server may take a moment to notice a closed connection
            statement.execute("DO RELEASE_LOCK('mmc-export')");
        }

        assertThat(export.export()).isPresent();
    }

    @Test
    void theWithdrawCommandSignsWithAKeypairFileSubmitsToTheHubAndPrintsTheRequestInMmc(@TempDir Path dir)
            throws IOException {
        Owner henry = owner(3_000_000_000L);
        Path keypair = dir.resolve("henry.json");
        Files.writeString(keypair, NodeIdentity.keypairJson(henry.account));
        String hub = "http://127.0.0.1:" + port;

        InProcessCommands.Output accepted = COMMANDS.run("withdraw", "--keypair", keypair.toString(), "--amount",
                "1.25", "--nonce", "3", "--hub", hub, "--hub-id", TestNode.HUB_ID);
        InProcessCommands.Output replayed = COMMANDS.run("withdraw", "--keypair", keypair.toString(), "--amount",
                "1", "--nonce", "3", "--hub", hub, "--hub-id", TestNode.HUB_ID);
        InProcessCommands.Output inBaseUnits = COMMANDS.run("withdraw", "--keypair", keypair.toString(),
                "--amount", "7", "--base-units", "--nonce", "4", "--hub", hub, "--hub-id", TestNode.HUB_ID);
        InProcessCommands.Output tooPrecise = COMMANDS.run("withdraw", "--keypair", keypair.toString(), "--amount",
                "0.0000000001", "--hub", hub);

        assertThat(accepted.exitCode()).as(accepted.err()).isZero();
        assertThat(accepted.out()).matches("withdrawal #\\d+ REQUESTED: 1\\.250000000 MMC from " + henry.wallet
                + ", nonce 3, at \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\R");
        assertThat(replayed.exitCode()).isEqualTo(1);
        assertThat(replayed.err())
                .startsWith("mmc-hub: withdrawal refused by " + hub + " (HTTP 409): nonce 3 is not greater");
        assertThat(inBaseUnits.out()).contains(" 0.000000007 MMC ");
        assertThat(tooPrecise.exitCode()).isEqualTo(2);
        assertThat(tooPrecise.err()).isEqualTo("mmc-hub: --amount '0.0000000001' has more than 9 decimals"
                + " (1 base unit = 0.000000001 MMC)" + System.lineSeparator());
        assertThat(jdbc.queryForList("SELECT amount FROM withdrawal_request WHERE wallet = ? ORDER BY id", Long.class,
                henry.wallet)).containsExactly(1_250_000_000L, 7L);
    }

    @Test
    void jobsListAndJobsShowShowAnExportWithItsRequestTimeItsDurationAsPeopleReadThemAndTheInstanceThatRanIt() {
        startTheSvm();
        Owner ivy = owner(1_000_000_000L);
        assertThat(ivy.withdraw(100_000_000L, 1).status()).isEqualTo(201);
        export.export().orElseThrow();

        InProcessCommands.Output listed = COMMANDS.run("jobs", "list", "--limit", "1");

        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out().lines().findFirst().orElseThrow()).contains(" INSTANCE ");
        String line = listed.out().lines().skip(1).findFirst().orElseThrow();
        assertThat(line).matches(" *\\d+ exportJob +COMPLETED +"
                + "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +(\\d+ ms|\\d+\\.\\d s|\\d+m \\d\\ds) +\\d+ +\\d+"
                + "  " + Pattern.quote(HubInstance.id()) + " +requestedAt=\\d{4}-[\\d:.T-]+Z");

        String id = line.strip().split(" ")[0];
        InProcessCommands.Output shown = COMMANDS.run("jobs", "show", id);

        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).startsWith("execution " + id + " of exportJob: COMPLETED on "
                + HubInstance.id() + System.lineSeparator());
        assertThat(shown.out().lines().filter(l -> l.contains("Step ")))
                .as("both steps, run where the job ran").hasSize(2).allSatisfy(l -> assertThat(l).matches(
                        "\\w+Step +COMPLETED +" + Pattern.quote(HubInstance.id()) + " +\\d{4}-.*"));
    }

    @Test
    void badRequestsAreRefusedNamingTheReasonAndStoreNothing() {
        Owner dave = owner(1_000_000_000L);
        assertThat(dave.withdraw(100, 5).status()).isEqualTo(201);
        long before = requests();

        assertThat(dave.send(Map.of("amount", 100, "nonce", 6, "signature", dave.sign("other-hub", 100, 6))))
                .satisfies(r -> assertThat(r.status()).isEqualTo(400))
                .satisfies(r -> assertThat(r.text()).contains("signature does not verify"));
        assertThat(dave.send(Map.of("amount", 101, "nonce", 6, "signature", dave.sign(TestNode.HUB_ID, 100, 6))).text())
                .contains("signature does not verify");
        assertThat(dave.withdraw(100, 5).text()).contains("nonce 5 is not greater");
        assertThat(dave.withdraw(1_000_000_000L, 8).text()).contains("exceeds the withdrawable balance 999999900");
        assertThat(dave.withdraw(0, 9).text()).contains("amount must be a positive");
        assertThat(hub().post("/api/rewards/not-a-wallet/withdrawals", Map.of("amount", 1, "nonce", 1, "signature", "x"))
                .text()).contains("is not base58");
        Owner stranger = new Owner(new Account());
        assertThat(stranger.withdraw(1, 1).status()).isEqualTo(404);
        assertThat(requests()).isEqualTo(before);
    }

    @Test
    void aMissingAuthorityKeyStopsTheExportBeforeAnythingIsWritten() throws IOException {
        Owner erin = owner(2_000_000_000L);
        assertThat(erin.withdraw(1_000, 1).status()).isEqualTo(201);
        Path moved = KEYPAIR.resolveSibling("moved.json");
        Files.move(KEYPAIR, moved);
        long versions = jdbc.queryForObject("SELECT COUNT(*) FROM distribution", Long.class);
        try {
            assertThatThrownBy(export::export).hasMessageContaining("authority keypair").hasMessageContaining("cannot be read");
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM distribution", Long.class)).isEqualTo(versions);
        } finally {
            Files.move(moved, KEYPAIR);
        }
    }

    @Test
    void anExportWithNothingToPublishSucceedsWithoutTheKey() throws IOException {
        startTheSvm();
        export.export();
        Path moved = KEYPAIR.resolveSibling("moved.json");
        Files.move(KEYPAIR, moved);
        try {
            assertThat(export.export()).isEmpty();
            assertThat(lastExport().get("STATUS")).isEqualTo("COMPLETED");
        } finally {
            Files.move(moved, KEYPAIR);
        }
    }

    @Test
    void anUnfundedAuthorityIsToldHowToFundItAndNothingIsSent() throws IOException {
        Owner lena = owner(3_000_000_000L);
        assertThat(lena.withdraw(1_000_000_000L, 1).status()).isEqualTo(201);
        startTheSvm();
        Account unfunded = new Account();
        Files.writeString(KEYPAIR, NodeIdentity.keypairJson(unfunded));
        Distribution pending;
        try {
            assertThatThrownBy(export::export).hasMessageContaining("nothing sent: authority "
                    + unfunded.getPublicKeyBase58() + " holds 0 SOL on " + PEER_URL)
                    .hasMessageContaining("solana airdrop 1 " + unfunded.getPublicKeyBase58() + " --url " + PEER_URL);
            pending = distributions.pending().orElseThrow();
            assertThat(attempts(pending.version())).as("nothing sent, nothing recorded as sent").isEmpty();
            Map<String, Object> failed = lastExport();
            assertThat(failed.get("STATUS")).isEqualTo("FAILED");
            assertThat((String) failed.get("EXIT_MESSAGE")).as("one line a person can act on")
                    .contains("fund it").doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ");
        } finally {
            Files.writeString(KEYPAIR, NodeIdentity.keypairJson(AUTHORITY));
        }

        Distribution published = export.export().orElseThrow();

        assertThat(published.version()).isEqualTo(pending.version());
        assertThat(attempts(pending.version())).containsExactly(published.signature());
    }

    @Test
    void healthShowsTheAuthorityItsBalanceAndAnUnreadableKey() throws IOException {
        startTheSvm();
        HubClient ops = hub().withKey(apiKeys.create(Role.OPS, "ops"));

        JsonNode funded = ops.get("/actuator/health").body().get("components").get("rewards");
        Path moved = KEYPAIR.resolveSibling("moved.json");
        Files.move(KEYPAIR, moved);
        HubClient.Response withoutKey;
        try {
            withoutKey = ops.get("/actuator/health");
        } finally {
            Files.move(moved, KEYPAIR);
        }

        assertThat(funded.get("status").asString()).isEqualTo("UP");
        assertThat(funded.get("details").get("keyReadable").asBoolean()).isTrue();
        assertThat(funded.get("details").get("authority").asString()).isEqualTo(AUTHORITY.getPublicKeyBase58());
        assertThat(funded.get("details").get("balanceLamports").asLong()).isPositive();
        assertThat(withoutKey.status()).as("the Hub serves on: DEGRADED is not DOWN").isEqualTo(200);
        assertThat(withoutKey.body().get("status").asString()).isEqualTo("DEGRADED");
        JsonNode missing = withoutKey.body().get("components").get("rewards");
        assertThat(missing.get("status").asString()).isEqualTo("DEGRADED");
        assertThat(missing.get("details").get("keyReadable").asBoolean()).isFalse();
        assertThat(missing.get("details").get("problem").asString()).contains("cannot be read: there is no such file");
    }

    private Map<String, Object> lastExport() {
        return jdbc.queryForMap("SELECT e.STATUS, e.EXIT_MESSAGE FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i"
                + " ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'exportJob'"
                + " ORDER BY e.JOB_EXECUTION_ID DESC LIMIT 1");
    }

    private static CompletableFuture<Throwable> failureOf(Runnable action) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                action.run();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
    }

    private List<String> attempts(long version) {
        return jdbc.queryForList("SELECT signature FROM distribution_attempt WHERE version = ? ORDER BY sent_at",
                String.class, version);
    }

    /** The signatures of the transactions on chain that publish {@code version}. */
    private static List<String> publishedOnChain(long version) {
        String memo = "mmc-distribution:v" + version + ":";
        return peer.call("getSignaturesForAddress", List.of(AUTHORITY.getPublicKeyBase58())).get("result").valueStream()
                .map(entry -> entry.get("signature").asString())
                .filter(signature -> {
                    JsonNode wire = peer.call("getTransaction", List.of(signature)).get("result").get("transaction").get(0);
                    return !wire.isNull() && new String(Base64.getDecoder().decode(wire.asString()), StandardCharsets.UTF_8)
                            .contains(memo);
                })
                .toList();
    }

    private long requests() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM withdrawal_request", Long.class);
    }

    /** A wallet with a settled balance: one ACCRUAL from a settlement run of a past window. */
    private Owner owner(long settled) {
        Owner owner = new Owner(new Account());
        Timestamp window = Timestamp.valueOf("2020-01-01 00:00:00");
        int revision = RANDOM.nextInt(1, Integer.MAX_VALUE);
        jdbc.update("INSERT INTO settlement_run (window_start, window_end, revision, status, pool, allocated, unallocated,"
                + " input_sha256, node_count, call_count, job_execution_id, completed_at) VALUES (?, ?, ?, 'COMPLETED', ?, ?, 0,"
                + " REPEAT('0', 64), 1, 1, 0, ?)", window, window, revision, settled, settled, Timestamp.from(Instant.now()));
        Long run = jdbc.queryForObject("SELECT id FROM settlement_run WHERE window_start = ? AND revision = ?", Long.class,
                window, revision);
        jdbc.update("INSERT INTO ledger_entry (wallet, run_id, window_start, revision, entry_type, amount, created_at)"
                + " VALUES (?, ?, ?, ?, 'ACCRUAL', ?, ?)", owner.wallet, run, window, revision, settled,
                Timestamp.from(Instant.now()));
        return owner;
    }

    private final class Owner {
        final Account account;
        final String wallet;

        Owner(Account account) {
            this.account = account;
            this.wallet = account.getPublicKeyBase58();
        }

        String sign(String hubId, long amount, long nonce) {
            return Ed25519Signatures.sign(java.util.Arrays.copyOf(account.getSecretKey(), 32),
                    WithdrawalMessage.of(hubId, wallet, amount, nonce));
        }

        HubClient.Response withdraw(long amount, long nonce) {
            return send(Map.of("amount", amount, "nonce", nonce, "signature", sign(TestNode.HUB_ID, amount, nonce)));
        }

        HubClient.Response send(Map<String, Object> body) {
            return hub().post("/api/rewards/" + wallet + "/withdrawals", body);
        }
    }
}
