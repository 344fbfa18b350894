package network.mmc.jobs.rewards;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import network.mmc.jobs.claims.ClaimService;
import network.mmc.jobs.claims.RewardClaim;
import network.mmc.jobs.cli.InProcessCommands;
import network.mmc.jobs.simulation.LocalSolanaPeer;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.FastRewardsSettings;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestKeypairs;
import network.mmc.jobs.support.TestNode;
import network.mmc.jobs.token.TokenService;
import network.mmc.node.NodeIdentity;
import network.mmc.rewards.TokenAddresses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The MMC token and claims on a real SVM (the litesvm peer): balances are read from the peer, never from the Hub.
 */
class ClaimsIT extends HubIntegrationTest {

    private static final Path PEER_DIRECTORY = Path.of("../solana-peer");
    private static final int PEER_PORT = LoopbackAgents.unusedPort();
    private static final String PEER_URL = "http://127.0.0.1:" + PEER_PORT;
    private static final Account AUTHORITY = new Account();
    private static final Path KEYPAIR = TestKeypairs.write(AUTHORITY);
    private static final long MMC = 1_000_000_000L;
    private static final long EMISSION = 1_000_000 * MMC;
    private static final String TOKEN_PROGRAM = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA";
    private static LocalSolanaPeer peer;

    @Autowired
    ExportService export;

    @Autowired
    TokenService tokens;

    @Autowired
    ClaimService claims;

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
        if (tokens.treasuryBalance() < EMISSION / 2) {
            tokens.mintEmission(EMISSION);
        }
    }

    @AfterEach
    void showEverything() {
        peer.call("mmcHideStatuses", List.of(false));
        peer.call("mmcDropNext", List.of(0));
    }

    @Test
    void tokenSetupCreatesTheMintTreasuryAndVaultOnceAndTheEmissionIsMintedIntoTheTreasury(@TempDir Path dir)
            throws Exception {
        Account authority = new Account();
        Path keypair = dir.resolve("authority.json");
        Files.writeString(keypair, NodeIdentity.keypairJson(authority));
        peer.call("requestAirdrop", List.of(authority.getPublicKeyBase58(), 1_000_000_000L));
        TokenAddresses token = TokenAddresses.derivedFrom(authority.getPublicKey());
        InProcessCommands.Output first;
        InProcessCommands.Output second;
        int transactionsAfterSetup;
        InProcessCommands.Output minted;
        InProcessCommands.Output balance;
        try (InProcessCommands commands = new InProcessCommands("MmcHubTokenCommandsUnderTest", List.of(
                "--mmc.rewards.rpc-url=" + PEER_URL, "--mmc.rewards.authority-keypair=" + keypair))) {
            first = commands.run("token", "setup");
            second = commands.run("token", "setup");
            transactionsAfterSetup = transactionsOf(authority.getPublicKeyBase58());
            minted = commands.run("token", "mint-emission", "1500.5");
            balance = commands.run("token", "balance", authority.getPublicKeyBase58());
        }

        String addresses = "mint         " + token.mint() + "  9 decimals, supply %s MMC, mint authority "
                + authority.getPublicKeyBase58() + "\ntreasury     " + token.treasury() + "  %s MMC\nstake vault  "
                + token.vault() + "  0.000000000 MMC\n";
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith(addresses.formatted("0.000000000", "0.000000000"))
                .containsPattern("created mint, stake vault, treasury in transaction [1-9A-HJ-NP-Za-km-z]{64,88}\n$");
        assertThat(second.out()).isEqualTo(addresses.formatted("0.000000000", "0.000000000")
                + "already set up: nothing created\n");
        assertThat(transactionsAfterSetup).as("the airdrop and one setup transaction").isEqualTo(2);
        assertThat(minted.out()).matches("minted 1500\\.500000000 MMC into the treasury " + token.treasury()
                + " in transaction \\w+; it holds 1500\\.500000000 MMC\n");
        assertThat(balance.out()).isEqualTo(authority.getPublicKeyBase58() + " holds 1500.500000000 MMC\n");
        JsonNode mint = peer.call("getAccountInfo", List.of(token.mint().toBase58(), Map.of("encoding", "base64")))
                .get("result").get("value");
        byte[] mintData = Base64.getDecoder().decode(mint.get("data").get(0).asString());
        assertThat(mint.get("owner").asString()).isEqualTo(TOKEN_PROGRAM);
        assertThat(mintData[44]).as("decimals").isEqualTo((byte) 9);
        assertThat(PublicKey.readPubkey(mintData, 4)).as("mint authority").isEqualTo(authority.getPublicKey());
        assertThat(tokenBalance(token.treasury())).isEqualTo(1_500_500_000_000L);
        assertThat(tokenBalance(token.vault())).isZero();
        JsonNode vault = peer.call("getAccountInfo", List.of(token.vault().toBase58(), Map.of("encoding", "base64")))
                .get("result").get("value");
        byte[] vaultData = Base64.getDecoder().decode(vault.get("data").get(0).asString());
        assertThat(PublicKey.readPubkey(vaultData, 0)).as("the vault's mint").isEqualTo(token.mint());
        assertThat(PublicKey.readPubkey(vaultData, 32)).as("the vault's owner").isEqualTo(authority.getPublicKey());
    }

    @Test
    void configuredTokenAddressesAreCheckedAndNothingIsCreated() {
        TokenAddresses token = tokens.addresses();
        List<String> settings = List.of("--mmc.rewards.rpc-url=" + PEER_URL, "--mmc.rewards.authority-keypair=" + KEYPAIR,
                "--mmc.token.mint=" + token.mint(), "--mmc.token.vault=" + token.vault());
        int transactions = transactionsOf(AUTHORITY.getPublicKeyBase58());
        InProcessCommands.Output configured;
        InProcessCommands.Output wrong;
        try (InProcessCommands commands = new InProcessCommands("MmcHubConfiguredTokenUnderTest",
                concat(settings, "--mmc.token.treasury=" + token.treasury()))) {
            configured = commands.run("token", "setup");
        }
        try (InProcessCommands commands = new InProcessCommands("MmcHubWrongTokenUnderTest",
                concat(settings, "--mmc.token.treasury=" + token.mint()))) {
            wrong = commands.run("token", "setup");
        }

        assertThat(configured.exitCode()).as(configured.err()).isZero();
        assertThat(configured.out()).startsWith("mint         " + token.mint())
                .endsWith("configured by mmc.token.*: checked, nothing created\n");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.err()).isEqualTo("mmc-hub: the treasury " + token.mint() + " is not an SPL token account\n");
        assertThat(transactionsOf(AUTHORITY.getPublicKeyBase58())).isEqualTo(transactions);
    }

    private static List<String> concat(List<String> settings, String setting) {
        List<String> all = new ArrayList<>(settings);
        all.add(setting);
        return all;
    }

    @Test
    void withdrawExportAndClaimPayTheWalletItsCumulativeAmountInTokensOnChain() {
        WalletOwner alice = owner(5 * MMC);
        assertThat(alice.withdraw(2 * MMC, 1).status()).isEqualTo(201);
        long v1 = exportHolding(alice);
        long treasuryBefore = tokenBalance(tokens.addresses().treasury());

        HubClient.Response first = alice.claim(v1, 2 * MMC);

        assertThat(first.status()).as(first.text()).isEqualTo(201);
        assertThat(first.body().get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(first.body().get("amount").asLong()).isEqualTo(2 * MMC);
        String firstPayout = first.body().get("transaction").asString();
        assertThat(walletBalance(alice)).isEqualTo(2 * MMC);
        assertThat(tokenBalance(tokens.addresses().treasury())).isEqualTo(treasuryBefore - 2 * MMC);
        JsonNode payout = peer.call("getTransaction", List.of(firstPayout)).get("result");
        assertThat(new String(Base64.getDecoder().decode(payout.get("transaction").get(0).asString()),
                StandardCharsets.UTF_8)).contains("mmc-claim:" + TestNode.HUB_ID + ":" + first.body().get("id").asLong()
                + ":v" + v1);
        assertThat(payout.get("meta").get("logMessages").toString()).contains("Program log: CreateIdempotent",
                "Program " + TOKEN_PROGRAM + " invoke [1]");

        assertThat(alice.withdraw(MMC, 2).status()).isEqualTo(201);
        long v2 = exportHolding(alice);
        HubClient.Response second = alice.claim(v2, 3 * MMC);

        assertThat(second.status()).as(second.text()).isEqualTo(201);
        assertThat(second.body().get("amount").asLong()).as("cumulative less what was claimed").isEqualTo(MMC);
        assertThat(walletBalance(alice)).isEqualTo(3 * MMC);
        JsonNode withdrawals = alice.rewards().body().get("withdrawals");
        assertThat(withdrawals.valueStream().map(w -> w.get("stage").asString() + " " + w.get("claimTransaction")
                .asString())).containsExactly("CLAIMED " + firstPayout,
                "CLAIMED " + second.body().get("transaction").asString());
        assertThat(hub().get("/api/rewards/" + alice.wallet + "/claims").body().valueStream()
                .map(c -> c.get("version").asLong())).containsExactly(v2, v1);
        assertThat(hub().get("/api/rewards/" + alice.wallet + "/claims/" + first.body().get("id").asLong()).body()
                .get("transaction").asString()).isEqualTo(firstPayout);
    }

    @Test
    void theClaimCommandSignsTheLatestProofWithAKeypairFileAndPrintsThePayout(@TempDir Path dir) throws Exception {
        WalletOwner kate = owner(3 * MMC);
        assertThat(kate.withdraw(MMC + MMC / 4, 1).status()).isEqualTo(201);
        long version = exportHolding(kate);
        Path keypair = dir.resolve("kate.json");
        Files.writeString(keypair, kate.keypairJson());
        String hubUrl = "http://127.0.0.1:" + port;
        InProcessCommands.Output claimed;
        InProcessCommands.Output again;
        try (InProcessCommands commands = new InProcessCommands()) {
            claimed = commands.run("claim", "--keypair", keypair.toString(), "--hub", hubUrl, "--hub-id", TestNode.HUB_ID);
            again = commands.run("claim", "--keypair", keypair.toString(), "--hub", hubUrl, "--hub-id", TestNode.HUB_ID);
        }

        assertThat(claimed.exitCode()).as(claimed.err()).isZero();
        assertThat(claimed.out()).matches("claim #\\d+ CONFIRMED: 1\\.250000000 MMC to " + kate.wallet
                + " from distribution v" + version + " \\(cumulative 1\\.250000000 MMC\\), transaction \\w+\n");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).startsWith("mmc-hub: claim refused by " + hubUrl + " (HTTP 409): this claim message was"
                + " accepted before");
        assertThat(walletBalance(kate)).isEqualTo(MMC + MMC / 4);
    }

    @Test
    void aClaimAskedAgainOrFromAnOlderVersionPaysNothingMore() {
        WalletOwner bob = owner(4 * MMC);
        assertThat(bob.withdraw(MMC, 1).status()).isEqualTo(201);
        long v1 = exportHolding(bob);
        assertThat(bob.withdraw(MMC / 2, 2).status()).isEqualTo(201);
        long v2 = exportHolding(bob);
        assertThat(bob.claim(v2, 3 * MMC / 2).status()).isEqualTo(201);
        int payouts = transactionsOf(associatedAccount(bob));

        HubClient.Response again = bob.claim(v2, 3 * MMC / 2);
        HubClient.Response older = bob.claim(v1, MMC);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text()).contains("this claim message was accepted before: claim #").contains("nothing sent");
        assertThat(older.status()).isEqualTo(409);
        assertThat(older.text()).contains("nothing new to claim: wallet " + bob.wallet + " has claimed 1500000000 base"
                + " units, and its cumulative amount in distribution v" + v1 + " is 1000000000");
        assertThat(walletBalance(bob)).isEqualTo(3 * MMC / 2);
        assertThat(transactionsOf(associatedAccount(bob))).isEqualTo(payouts);
    }

    @Test
    void claimsOfOneWalletSentAtOncePayItsCumulativeAmountOnce() throws Exception {
        WalletOwner carol = owner(4 * MMC);
        WalletOwner dave = owner(4 * MMC);
        assertThat(carol.withdraw(2 * MMC, 1).status()).isEqualTo(201);
        assertThat(dave.withdraw(MMC, 1).status()).isEqualTo(201);
        exportHolding(carol);
        long v1 = exportHolding(dave);
        assertThat(dave.withdraw(MMC, 2).status()).isEqualTo(201);
        long v2 = exportHolding(dave);
        long carolVersion = jdbc.queryForObject("SELECT MAX(version) FROM withdrawal_request WHERE wallet = ?",
                Long.class, carol.wallet);
        List<Supplier<HubClient.Response>> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(() -> carol.claim(carolVersion, 2 * MMC));
            requests.add(() -> dave.claim(v1, MMC));
            requests.add(() -> dave.claim(v2, 2 * MMC));
        }

        List<HubClient.Response> responses = atOnce(requests);
        HubClient.Response daveLast = dave.claim(v2, 2 * MMC);

        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.text()).isIn(201, 409));
        assertThat(responses).filteredOn(r -> r.status() == 409).allSatisfy(r -> assertThat(r.text())
                .containsAnyOf("is being processed right now", "accepted before", "nothing new to claim"));
        assertThat(daveLast.status()).as(daveLast.text()).isIn(201, 409);
        assertThat(walletBalance(carol)).isEqualTo(2 * MMC);
        assertThat(walletBalance(dave)).isEqualTo(2 * MMC);
        assertThat(transactionsOf(associatedAccount(carol))).as("one payout").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE wallet = ?", Long.class, carol.wallet))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT SUM(amount) FROM claim WHERE wallet = ? AND status = 'CONFIRMED'",
                Long.class, dave.wallet)).isEqualTo(2 * MMC);
    }

    @Test
    void refusedClaimsNameTheReasonAndNothingIsStoredOrSent() {
        WalletOwner erin = owner(5 * MMC);
        assertThat(erin.withdraw(MMC, 1).status()).isEqualTo(201);
        long version = exportHolding(erin);
        WalletOwner stranger = owner(MMC);
        long stored = claimCount();
        int transactions = transactionsOf(AUTHORITY.getPublicKeyBase58());
        String zero = "00".repeat(32);

        assertRefused(erin.claim(version, MMC + 1), 400, "the Merkle proof of wallet " + erin.wallet
                + " with cumulative 1000000001 does not verify against the root of distribution v" + version
                + " (its leaf there has cumulative 1000000000)");
        assertRefused(erin.claim(Map.of("version", version, "cumulative", MMC, "proof", List.of(zero),
                "signature", erin.signClaim(TestNode.HUB_ID, version, MMC))), 400, "does not verify against the root");
        assertRefused(erin.claim(Map.of("version", version, "cumulative", MMC, "proof", List.of("xyz"),
                "signature", erin.signClaim(TestNode.HUB_ID, version, MMC))), 400, "proof[0] is not 32 bytes of hex");
        assertRefused(erin.claim(Map.of("version", version, "cumulative", MMC,
                "signature", erin.signClaim("another-hub", version, MMC))), 400, "signature does not verify for key "
                + erin.wallet);
        assertRefused(erin.claim(Map.of("version", version, "cumulative", 2 * MMC,
                "signature", erin.signClaim(TestNode.HUB_ID, version, MMC))), 400, "signature does not verify");
        assertRefused(erin.claim(Map.of("version", version, "cumulative", MMC)), 400, "signature is missing");
        assertRefused(erin.claim(999_999, MMC), 404, "there is no distribution v999999");
        assertRefused(stranger.claim(version, MMC), 404, "wallet " + stranger.wallet + " has no leaf in distribution v"
                + version);
        assertRefused(erin.claim(Map.of("cumulative", MMC, "signature", "x")), 400,
                "version must be a positive distribution version, got null");
        assertRefused(erin.claim(Map.of("version", version, "cumulative", 0, "signature", "x")), 400,
                "cumulative must be a positive number of base units, got 0");
        assertRefused(erin.claim(Map.of("version", version, "cumulative", "1000000000", "signature", "x")), 400,
                "field 'cumulative' must be a whole number from");
        assertRefused(erin.claim(Map.of("version", version, "cumulative", MMC, "signature", "x", "amount", MMC)), 400,
                "unknown field 'amount'; the fields are [cumulative, proof, signature, version]");
        assertRefused(hub().post("/api/rewards/not-a-wallet/claims", Map.of("version", version, "cumulative", MMC,
                "signature", "x")), 400, "wallet 'not-a-wallet' is not base58");
        assertThat(claimCount()).isEqualTo(stored);
        assertThat(transactionsOf(AUTHORITY.getPublicKeyBase58())).isEqualTo(transactions);
        assertThat(walletBalance(erin)).isZero();
    }

    @Test
    void aWithdrawalIsFollowedFromRequestToClaimAndAVersionNotYetConfirmedCannotBeClaimed() {
        settleForeignPendingVersions();
        WalletOwner frank = owner(5 * MMC);
        assertThat(frank.withdraw(2 * MMC, 1).status()).isEqualTo(201);
        assertThat(stage(frank)).isEqualTo("REQUESTED");
        peer.call("mmcFailNext", List.of("getBalance", 1));
        assertThatThrownBy(export::export).hasMessageContaining("nothing sent");
        long version = jdbc.queryForObject("SELECT version FROM withdrawal_request WHERE wallet = ?", Long.class,
                frank.wallet);
        assertThat(stage(frank)).isEqualTo("IN_DISTRIBUTION");
        assertRefused(frank.claim(version, 2 * MMC), 409, "distribution v" + version + " is PENDING, not CONFIRMED");
        peer.call("mmcHideStatuses", List.of(true));
        assertThatThrownBy(export::export).hasMessageContaining("not re-sent");
        assertThat(stage(frank)).isEqualTo("PUBLISHED");
        assertRefused(frank.claim(version, 2 * MMC), 409, "is PENDING, not CONFIRMED");
        peer.call("mmcHideStatuses", List.of(false));
        assertThat(exportHolding(frank)).isEqualTo(version);
        assertThat(stage(frank)).isEqualTo("CONFIRMED");

        HubClient.Response claimed = frank.claim(version, 2 * MMC);

        assertThat(claimed.status()).as(claimed.text()).isEqualTo(201);
        JsonNode withdrawal = frank.rewards().body().get("withdrawals").get(0);
        assertThat(withdrawal.get("stage").asString()).isEqualTo("CLAIMED");
        assertThat(withdrawal.get("claimTransaction").asString()).isEqualTo(claimed.body().get("transaction").asString());
        assertThat(withdrawal.get("status").asString()).isEqualTo("SYNCED");
        assertThat(walletBalance(frank)).isEqualTo(2 * MMC);
    }

    @Test
    void aPayoutWhoseConfirmationWasNotSeenIsFoundLandedByTheRecoveryAndNeverPaidTwice() {
        WalletOwner grace = owner(5 * MMC);
        assertThat(grace.withdraw(MMC, 1).status()).isEqualTo(201);
        long version = exportHolding(grace);
        peer.call("mmcHideStatuses", List.of(true));

        HubClient.Response inFlight = grace.claim(version, MMC);
        HubClient.Response askedAgain = grace.claim(version, MMC);

        assertThat(inFlight.status()).as(inFlight.text()).isEqualTo(202);
        assertThat(inFlight.body().get("status").asString()).isEqualTo("SENT");
        assertThat(inFlight.body().get("lastError").asString()).contains("not re-sent");
        assertThat(askedAgain.status()).isEqualTo(202);
        assertThat(askedAgain.body().get("id").asLong()).isEqualTo(inFlight.body().get("id").asLong());
        long id = inFlight.body().get("id").asLong();
        assertThat(attempts(id)).hasSize(1);
        peer.call("mmcHideStatuses", List.of(false));

        List<RewardClaim> recovered = claims.recover();

        assertThat(recovered).filteredOn(c -> c.id() == id).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo("CONFIRMED");
            assertThat(c.transaction()).isEqualTo(inFlight.body().get("transaction").asString());
        });
        assertThat(attempts(id)).hasSize(1);
        assertThat(walletBalance(grace)).isEqualTo(MMC);
    }

    @Test
    void aPayoutLostOnTheWayIsSentAgainOnlyOnceItsBlockhashHasExpired() {
        WalletOwner heidi = owner(5 * MMC);
        assertThat(heidi.withdraw(MMC, 1).status()).isEqualTo(201);
        long version = exportHolding(heidi);
        peer.call("mmcDropNext", List.of(1, false));
        HubClient.Response inFlight = heidi.claim(version, MMC);
        long id = inFlight.body().get("id").asLong();
        assertThat(inFlight.status()).as(inFlight.text()).isEqualTo(202);

        claims.recover();
        List<String> whileValid = attempts(id);
        peer.call("mmcAdvanceBlocks", List.of(151));
        claims.recover();

        assertThat(whileValid).as("nothing re-sent while the first payout could still land").hasSize(1);
        RewardClaim paid = claims.find(heidi.wallet, id);
        assertThat(paid.status()).isEqualTo("CONFIRMED");
        assertThat(attempts(id)).hasSize(2).endsWith(paid.transaction());
        assertThat(peer.call("getSignatureStatuses", List.of(List.of(whileValid.get(0)))).get("result").get("value")
                .get(0).isNull()).as("the lost payout never landed").isTrue();
        assertThat(walletBalance(heidi)).isEqualTo(MMC);
    }

    @Test
    void aClaimLeftSentByACrashIsFoundPaidByTheWalletsNextClaimWhichPaysOnlyTheRest() {
        WalletOwner ivan = owner(5 * MMC);
        assertThat(ivan.withdraw(MMC, 1).status()).isEqualTo(201);
        long v1 = exportHolding(ivan);
        HubClient.Response first = ivan.claim(v1, MMC);
        long id = first.body().get("id").asLong();
        // what a Hub stopped between sending the payout and recording its confirmation leaves behind
        jdbc.update("UPDATE claim SET status = 'SENT', slot = NULL, confirmed_at = NULL WHERE id = ?", id);
        assertThat(ivan.withdraw(2 * MMC, 2).status()).isEqualTo(201);
        long v2 = exportHolding(ivan);

        HubClient.Response next = ivan.claim(v2, 3 * MMC);

        assertThat(next.status()).as(next.text()).isEqualTo(201);
        assertThat(next.body().get("amount").asLong()).isEqualTo(2 * MMC);
        RewardClaim recovered = claims.find(ivan.wallet, id);
        assertThat(recovered.status()).isEqualTo("CONFIRMED");
        assertThat(recovered.transaction()).isEqualTo(first.body().get("transaction").asString());
        assertThat(attempts(id)).hasSize(1);
        assertThat(walletBalance(ivan)).isEqualTo(3 * MMC);
    }

    @Test
    void aClaimTheTreasuryCannotPayOrTheClusterDoesNotAnswerForIsRefusedAndNothingIsStored() {
        long treasury = tokens.treasuryBalance();
        WalletOwner judy = owner(treasury + MMC);
        assertThat(judy.withdraw(treasury + 1, 1).status()).isEqualTo(201);
        long version = exportHolding(judy);
        long stored = claimCount();
        peer.call("mmcFailNext", List.of("getAccountInfo", 1));
        HubClient.Response unanswered = judy.claim(version, treasury + 1);

        HubClient.Response refused = judy.claim(version, treasury + 1);

        assertRefused(unanswered, 503, "claims cannot be paid now: account " + tokens.addresses().treasury()
                + " is unknown: no answer from the Solana RPC");
        assertThat(unanswered.text()).as("a provider's RPC URL carries its key").doesNotContain(PEER_URL);
        assertRefused(refused, 503, "the treasury " + tokens.addresses().treasury() + " holds " + treasury
                + " base units, less than the " + (treasury + 1) + " this claim pays: nothing sent");
        assertThat(claimCount()).isEqualTo(stored);
        assertThat(walletBalance(judy)).isZero();
    }

    private static void assertRefused(HubClient.Response response, int status, String reason) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.text()).contains(reason);
    }

    private WalletOwner owner(long settled) {
        return WalletOwner.withSettled(settled, jdbc, hub());
    }

    /** Exports until every request of the owner is in a confirmed version; that version. */
    private long exportHolding(WalletOwner owner) {
        for (int i = 0; i < 4; i++) {
            try {
                export.export();
            } catch (RuntimeException e) {
                settleForeignPendingVersions();
            }
            if (jdbc.queryForObject("SELECT COUNT(*) FROM withdrawal_request WHERE wallet = ? AND status <> 'SYNCED'",
                    Long.class, owner.wallet) == 0) {
                return jdbc.queryForObject("SELECT MAX(version) FROM withdrawal_request WHERE wallet = ?", Long.class,
                        owner.wallet);
            }
        }
        return fail("the requests of " + owner.wallet + " are not in a confirmed version");
    }

    /**
     * A version another test class left pending was sent to that class's peer: this peer's block height must pass
     * its attempts' last valid heights before it is published again here.
     */
    private void settleForeignPendingVersions() {
        Long lastValid = jdbc.queryForObject("SELECT MAX(a.last_valid_block_height) FROM distribution_attempt a"
                + " JOIN distribution d ON d.version = a.version WHERE d.status = 'PENDING'", Long.class);
        if (lastValid != null) {
            peer.call("mmcAdvanceBlocks", List.of(lastValid + 1));
        }
        if (jdbc.queryForObject("SELECT COUNT(*) FROM distribution WHERE status = 'PENDING'", Long.class) > 0) {
            export.export();
        }
    }

    private String stage(WalletOwner owner) {
        return owner.rewards().body().get("withdrawals").get(0).get("stage").asString();
    }

    private long claimCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM claim", Long.class);
    }

    private List<String> attempts(long claim) {
        return jdbc.queryForList("SELECT signature FROM claim_attempt WHERE claim_id = ? ORDER BY sent_at", String.class,
                claim);
    }

    private String associatedAccount(WalletOwner owner) {
        return TokenAddresses.associatedTokenAccount(new PublicKey(owner.wallet), tokens.addresses().mint()).toBase58();
    }

    /** The owner's MMC on the peer: its associated token account's balance, 0 when it has none. */
    private long walletBalance(WalletOwner owner) {
        JsonNode account = peer.call("getAccountInfo", List.of(associatedAccount(owner), Map.of("encoding", "base64")))
                .get("result").get("value");
        return account.isNull() ? 0 : tokenBalance(new PublicKey(associatedAccount(owner)));
    }

    private static long tokenBalance(PublicKey account) {
        JsonNode value = peer.call("getTokenAccountBalance", List.of(account.toBase58())).get("result").get("value");
        assertThat(value.get("decimals").asInt()).isEqualTo(9);
        return Long.parseLong(value.get("amount").asString());
    }

    /** The transactions on the peer that name {@code address}, the airdrops included. */
    private static int transactionsOf(String address) {
        return peer.call("getSignaturesForAddress", List.of(address)).get("result").size();
    }

    private static List<HubClient.Response> atOnce(List<Supplier<HubClient.Response>> requests) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<HubClient.Response>> sent = requests.stream()
                    .map(request -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return request.get();
                    }, threads)).toList();
            start.countDown();
            List<HubClient.Response> responses = new ArrayList<>();
            for (CompletableFuture<HubClient.Response> response : sent) {
                responses.add(response.get(120, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }
}
