package network.mmc.jobs.dapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import network.mmc.jobs.calls.CallRecordRow;
import network.mmc.jobs.console.ConsoleFormat;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.rewards.ExportService;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.simulation.LocalSolanaPeer;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.staking.UnstakeMessage;
import network.mmc.jobs.support.ConsoleBrowser;
import network.mmc.jobs.support.FastRewardsSettings;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestKeypairs;
import network.mmc.jobs.support.TestNode;
import network.mmc.jobs.token.TokenService;
import network.mmc.ledger.ClaimMessage;
import network.mmc.ledger.WithdrawalMessage;
import network.mmc.rewards.TokenAddresses;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The DApp in headless Chromium with a browser wallet injected before the page's scripts, which signs with a real
 * ed25519 key through WebCrypto: the owner of a node with settled rewards connects, requests a withdrawal, the export
 * publishes it to the litesvm peer, the owner claims, and the wallet's token balance read from the peer is the amount
 * claimed; the same claim asked again from a page left open pays nothing more. The owner then stakes part of it for
 * its node (a transaction the wallet signs) and unstakes part of that, and the node's stake follows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DappBrowserIT extends HubIntegrationTest {

    private static final Path PEER_DIRECTORY = Path.of("../solana-peer");
    private static final int PEER_PORT = LoopbackAgents.unusedPort();
    private static final String PEER_URL = "http://127.0.0.1:" + PEER_PORT;
    private static final Account AUTHORITY = new Account();
    private static final Path KEYPAIR = TestKeypairs.write(AUTHORITY);
    private static final long MMC = 1_000_000_000L;
    private static final long EMISSION = 1_000_000 * MMC;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    ExportService export;

    @Autowired
    TokenService tokens;

    @Autowired
    ConsoleFormat format;

    @Autowired
    NodeRegistry registry;

    @TempDir
    static Path downloads;

    private LocalSolanaPeer peer;
    private ConsoleBrowser browser;
    private final byte[] seed = new byte[32];
    private String wallet;
    private TestNode node;
    private SettlementWindow window;
    private long reward;
    private Instant probed;

    @DynamicPropertySource
    static void solana(DynamicPropertyRegistry registry) {
        FastRewardsSettings.register(registry, PEER_URL, KEYPAIR);
    }

    @BeforeAll
    void aNodeWithSettledRewardsAndABrowserWithAWallet() {
        peer = LocalSolanaPeer.start(PEER_DIRECTORY, PEER_PORT);
        peer.call("requestAirdrop", List.of(AUTHORITY.getPublicKeyBase58(), 100_000_000_000L));
        tokens.setup();
        tokens.mintEmission(EMISSION);
        RANDOM.nextBytes(seed);
        wallet = Ed25519Signatures.publicKeyOf(seed).base58();
        node = TestNode.aNode();
        assertThat(hub().post("/api/nodes", node.registerRequest(NodeKind.COMPUTING, null)).status()).isEqualTo(201);
        assertThat(hub().post("/api/nodes/" + node.id() + "/status", node.statusRequest("H100", 81_920, "1.4.2"))
                .status()).isEqualTo(200);
        assertThat(hub().post("/api/nodes/" + node.id() + "/wallet", node.bindRequest(wallet)).status()).isEqualTo(200);
        window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        // settlement pays the owner bound at window end: the owner bound the wallet before the node worked
        Instant bound = window.start().minus(Duration.ofHours(1));
        jdbc.update("UPDATE node SET owner_bound_at = ? WHERE node_id = ?", UtcTimestamps.of(bound), node.id());
        jdbc.update("UPDATE node_wallet_binding SET bound_at = ? WHERE node_id = ?", UtcTimestamps.of(bound), node.id());
        List<CallRecordRow> calls = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            Instant at = window.start().plusSeconds(90L * c + 7);
            calls.add(new CallRecordRow("dapp-" + node.id() + "-" + c, node.id(), CallerType.API_USER, "u", "user-" + c,
                    "gemm", c % 10 == 0 ? CallStatus.FAILED : CallStatus.SUCCESS, 400 + 11L * c, 40, at, at));
        }
        loader.load(calls);
        SettlementRun run = settlement.settle(window);
        reward = runs.nodes(run.id()).stream().filter(line -> line.nodeId().equals(node.id()))
                .mapToLong(NodeSettlementLine::reward).sum();
        assertThat(reward).as("the node's reward in the settled window").isPositive();
        probed = Instant.now().minus(Duration.ofHours(1));
        String round = "dapp-browser-" + node.id();
        jdbc.update("INSERT INTO probe_round (round_id, validator_id, started_at, n, k) VALUES (?, 'dapp-validator',"
                + " ?, 4, 1)", round, UtcTimestamps.of(probed));
        jdbc.update("INSERT INTO probe_target (round_id, node_id) VALUES (?, ?)", round, node.id());
        jdbc.update("INSERT INTO probe_result (round_id, node_id, status, called_at, latency_ms, gflops, detail)"
                + " VALUES (?, ?, 'SUCCESS', ?, 42, 1234.5, 'product verified')", round, node.id(),
                UtcTimestamps.of(probed));
        browser = new ConsoleBrowser(port, downloads);
        injectTheWallet();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void theOwnerConnectsWithdrawsClaimsOnChainStakesAndUnstakesAndAClaimAskedTwicePaysOnce() {
        long amount = reward / 2 + 1;
        browser.open("/dapp");
        browser.driver().findElement(By.id("connect")).click();

        waitFor(ExpectedConditions.urlContains("/dapp/wallet/" + wallet));
        assertThat(browser.text(By.id("wallet"))).as("the key the browser derived from the seed").isEqualTo(wallet);
        assertThat(browser.text(By.id("wallet-status"))).isEqualTo("Connected: " + wallet.substring(0, 6) + "…"
                + wallet.substring(wallet.length() - 4));
        assertThat(figure("settled")).isEqualTo(format.mmc(reward));
        assertThat(figure("withdrawable")).isEqualTo(format.mmc(reward));
        assertThat(figure("claimable")).isEqualTo(format.mmc(0));
        assertThat(browser.text(By.id("node-" + node.id()))).contains("COMPUTING online",
                format.time(registry.find(node.id()).getLastStatusAt()), "H100, 81920 MB", format.mmc(0), "SUCCESS 42 ms");
        assertThat(browser.text(By.id("reward-history"))).contains(format.time(window.start()) + " 1 "
                + format.mmc(reward));
        assertThat(browser.driver().findElement(By.id("claim-prepare")).isEnabled()).isFalse();
        browser.screenshot("dapp-wallet");

        browser.driver().findElement(By.id("withdraw-amount")).sendKeys(format.mmc(amount));
        browser.driver().findElement(By.id("withdraw-prepare")).click();

        String withdrawal = WithdrawalMessage.of(TestNode.HUB_ID, wallet, amount, 1);
        assertThat(browser.text(By.id("sign-text"))).as("shown before signing").isEqualTo(withdrawal);
        assertThat(signedTexts()).as("nothing signed before the owner says so").isEmpty();
        browser.screenshot("dapp-sign-withdrawal");
        browser.driver().findElement(By.id("sign")).click();

        assertThat(browser.text(By.id("action-result"))).matches("Withdrawal #\\d+ of " + format.mmc(amount).replace(".",
                "\\.") + " MMC requested: REQUESTED, waiting for the next distribution\\.");
        assertThat(signedTexts()).containsExactly(withdrawal);
        waitFor(ExpectedConditions.textToBe(By.cssSelector("#withdrawals td.stage"), "REQUESTED"));
        assertThat(figure("requested")).isEqualTo(format.mmc(amount));
        assertThat(figure("withdrawable")).isEqualTo(format.mmc(reward - amount));

        long version = exportHolding();
        browser.driver().navigate().refresh();
        String page = browser.driver().getWindowHandle();
        String staleTab = openInAnotherTab(browser.driver().getCurrentUrl());

        assertThat(browser.text(By.cssSelector("#withdrawals td.stage"))).isEqualTo("CONFIRMED");
        assertThat(figure("claimable")).isEqualTo(format.mmc(amount));
        browser.driver().switchTo().window(page);
        assertThat(browser.text(By.cssSelector("#withdrawals td.stage"))).isEqualTo("CONFIRMED");
        browser.driver().findElement(By.id("claim-prepare")).click();

        String claim = ClaimMessage.of(TestNode.HUB_ID, wallet, version, amount);
        assertThat(browser.text(By.id("sign-text"))).isEqualTo(claim);
        assertThat(browser.text(By.id("sign-effect"))).contains(format.mmc(amount) + " MMC now");
        browser.screenshot("dapp-sign-claim");
        browser.driver().findElement(By.id("sign")).click();

        String result = browser.text(By.id("action-result"));
        assertThat(result).matches("Claim #\\d+ paid: transaction [1-9A-HJ-NP-Za-km-z]{64,88}\\.");
        String transaction = result.replaceAll(".*transaction (\\w+)\\.", "$1");
        waitFor(ExpectedConditions.textToBe(By.cssSelector("#withdrawals td.stage"), "CLAIMED"));
        assertThat(browser.text(By.cssSelector("#withdrawals td.where"))).isEqualTo("claimed in transaction "
                + transaction);
        assertThat(browser.text(By.cssSelector("#claims td.status"))).isEqualTo("CONFIRMED");
        assertThat(figure("claimable")).isEqualTo(format.mmc(0));
        assertThat(walletBalance()).as("the wallet's tokens on the peer").isEqualTo(amount);
        browser.screenshot("dapp-claimed");

        browser.driver().switchTo().window(staleTab);
        browser.driver().findElement(By.id("claim-prepare")).click();
        assertThat(browser.text(By.id("sign-text"))).isEqualTo(claim);
        browser.driver().findElement(By.id("sign")).click();

        assertThat(browser.text(By.id("action-error"))).startsWith("Refused (409): this claim message was accepted"
                + " before: claim #");
        assertThat(signedTexts()).containsExactly(claim);
        waitFor(ExpectedConditions.textToBe(By.cssSelector("#claimable .figure"), format.mmc(0)));
        assertThat(walletBalance()).as("paid once").isEqualTo(amount);
        assertThat(peer.call("getSignaturesForAddress", List.of(associatedAccount().toBase58())).get("result").size())
                .as("one payout").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM claim WHERE wallet = ?", Long.class, wallet)).isEqualTo(1);
        browser.screenshot("dapp-claimed-twice");

        browser.driver().switchTo().window(page);
        stakeAndUnstakePartOf(amount);
    }

    /** The owner stakes half of what it claimed for its node, then takes a quarter of that back. */
    private void stakeAndUnstakePartOf(long claimed) {
        long stake = claimed / 2;
        long unstake = stake / 4;
        peer.call("requestAirdrop", List.of(wallet, MMC));
        browser.driver().findElement(By.id("stake-amount")).sendKeys(format.mmc(stake));
        browser.driver().findElement(By.id("stake-prepare")).click();

        assertThat(browser.text(By.id("sign-text"))).startsWith("Transfer " + format.mmc(stake) + " MMC (" + stake
                + " base units)\nfrom your token account " + associatedAccount().toBase58() + "\nto the stake vault "
                + tokens.addresses().vault().toBase58()).contains("\nmemo: MMC-STAKE node:" + node.id() + "\n",
                "\nfee payer: " + wallet + "\n");
        browser.screenshot("dapp-sign-stake");
        browser.driver().findElement(By.id("sign")).click();

        assertThat(browser.text(By.id("action-result"))).matches("Stake of " + format.mmc(stake).replace(".", "\\.")
                + " MMC for node " + node.id() + " CREDITED in transaction [1-9A-HJ-NP-Za-km-z]{64,88}\\.");
        assertThat(((JavascriptExecutor) browser.driver()).executeScript("return window.solana.transactions"))
                .isEqualTo(1L);
        waitFor(ExpectedConditions.textToBe(By.cssSelector("#node-" + node.id() + " td.staked"), format.mmc(stake)));
        assertThat(browser.text(By.cssSelector("#node-" + node.id() + " td.stake"))).isEqualTo(format.mmc(stake));
        assertThat(registry.find(node.id()).getStake()).as("the stake settlement reads").isEqualTo(stake);
        assertThat(walletBalance()).isEqualTo(claimed - stake);
        assertThat(tokenBalance(tokens.addresses().vault())).isEqualTo(stake);

        browser.driver().findElement(By.id("stake-amount")).clear();
        browser.driver().findElement(By.id("stake-amount")).sendKeys(format.mmc(unstake));
        browser.driver().findElement(By.id("unstake-prepare")).click();

        String text = UnstakeMessage.of(TestNode.HUB_ID, wallet, node.id(), unstake, 1);
        assertThat(browser.text(By.id("sign-text"))).isEqualTo(text);
        browser.driver().findElement(By.id("sign")).click();

        assertThat(browser.text(By.id("action-result"))).startsWith("Unstake #").contains(" of "
                + format.mmc(unstake) + " MMC accepted: WAITING, paid back from ");
        assertThat(signedTexts()).endsWith(text);
        waitFor(ExpectedConditions.textToBe(By.cssSelector("#node-" + node.id() + " td.stake"),
                format.mmc(stake - unstake)));
        assertThat(browser.text(By.cssSelector("#node-" + node.id() + " td.staked"))).isEqualTo(format.mmc(stake
                - unstake));
        assertThat(browser.text(By.cssSelector("#node-" + node.id() + " td.unstakes"))).startsWith(format.mmc(unstake)
                + " MMC WAITING, back from ");
        assertThat(registry.find(node.id()).getStake()).isEqualTo(stake - unstake);
        browser.screenshot("dapp-staked");
    }

    /** Chromium runs the wallet in every page this tab opens, before the page's own scripts. */
    private void injectTheWallet() {
        String script;
        try (InputStream in = DappBrowserIT.class.getResourceAsStream("/dapp/fake-wallet.js")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ((HasCdp) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", script.replace("__SEED_HEX__", HexFormat.of().formatHex(seed))));
    }

    private String openInAnotherTab(String url) {
        browser.driver().switchTo().newWindow(WindowType.TAB);
        injectTheWallet();
        browser.driver().get(url);
        return browser.driver().getWindowHandle();
    }

    private String figure(String card) {
        return browser.text(By.cssSelector("#" + card + " .figure"));
    }

    @SuppressWarnings("unchecked")
    private List<String> signedTexts() {
        return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("return window.solana.signed");
    }

    private <T> void waitFor(ExpectedCondition<T> condition) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(condition);
    }

    /** Exports until the wallet's requests are in a confirmed version; that version. */
    private long exportHolding() {
        for (int i = 0; i < 4; i++) {
            try {
                export.export();
            } catch (RuntimeException e) {
                publishForeignPendingVersions();
            }
            if (jdbc.queryForObject("SELECT COUNT(*) FROM withdrawal_request WHERE wallet = ? AND status <> 'SYNCED'",
                    Long.class, wallet) == 0) {
                return jdbc.queryForObject("SELECT MAX(version) FROM withdrawal_request WHERE wallet = ?", Long.class,
                        wallet);
            }
        }
        return fail("the requests of " + wallet + " are not in a confirmed version");
    }

    /**
     * A version another test class left pending was sent to that class's peer: this peer's block height must pass
     * its attempts' last valid heights before it is published again here.
     */
    private void publishForeignPendingVersions() {
        Long lastValid = jdbc.queryForObject("SELECT MAX(a.last_valid_block_height) FROM distribution_attempt a"
                + " JOIN distribution d ON d.version = a.version WHERE d.status = 'PENDING'", Long.class);
        if (lastValid != null) {
            peer.call("mmcAdvanceBlocks", List.of(lastValid + 1));
        }
        if (jdbc.queryForObject("SELECT COUNT(*) FROM distribution WHERE status = 'PENDING'", Long.class) > 0) {
            export.export();
        }
    }

    private PublicKey associatedAccount() {
        return TokenAddresses.associatedTokenAccount(new PublicKey(wallet), tokens.addresses().mint());
    }

    /** The wallet's MMC on the peer: its associated token account's balance, 0 when it has none. */
    private long walletBalance() {
        JsonNode account = peer.call("getAccountInfo", List.of(associatedAccount().toBase58(),
                Map.of("encoding", "base64"))).get("result").get("value");
        return account.isNull() ? 0 : tokenBalance(associatedAccount());
    }

    private long tokenBalance(PublicKey account) {
        JsonNode value = peer.call("getTokenAccountBalance", List.of(account.toBase58())).get("result").get("value");
        assertThat(value.get("decimals").asInt()).isEqualTo(9);
        return Long.parseLong(value.get("amount").asString());
    }
}
