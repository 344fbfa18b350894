package network.mmc.jobs.dapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.console.ConsoleUsers;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.support.ConsoleSession;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestNode;
import network.mmc.ledger.WithdrawalMessage;
import network.mmc.settlement.MmcText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The DApp's pages over HTTP: public, stateless, under their own strict policy, blind to console sessions; the texts
 * to sign are the ones the API verifies, and what cannot be shown or signed is named and changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DappPagesIT extends HubIntegrationTest {

    private static final Pattern SCRIPT = Pattern.compile("<script[^>]*>");

    @Autowired
    ConsoleUsers users;

    private NodeSettlementLine paid;
    private long walletTotal;

    @BeforeAll
    void settle() {
        SettlementRun run = settlement.settle(SettlementFixtures.aWindowWithCalls(jdbc, loader));
        List<NodeSettlementLine> lines = runs.nodes(run.id());
        paid = lines.stream().filter(n -> n.reward() > 0 && n.ownerWallet() != null).findFirst().orElseThrow();
        walletTotal = lines.stream().filter(n -> paid.ownerWallet().equals(n.ownerWallet()))
                .mapToLong(NodeSettlementLine::reward).sum();
    }

    @Test
    void theWalletAndNodePagesArePublicStatelessAndUnderAStrictPolicy() {
        HubClient.Response wallet = hub().get("/dapp/wallet/" + paid.ownerWallet());
        HubClient.Response node = hub().get("/nodes/" + paid.nodeId());
        HubClient.Response connect = hub().get("/dapp");
        HubClient.Response script = hub().get("/dapp/dapp.js");

        for (HubClient.Response page : List.of(wallet, node, connect)) {
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(DappSecurityConfiguration.POLICY);
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(page.headers().allValues("Set-Cookie")).as("no session").isEmpty();
            Matcher scripts = SCRIPT.matcher(page.text());
            while (scripts.find()) {
                assertThat(scripts.group()).as("scripts from files only").contains("src=\"/dapp/dapp.js\"");
            }
            assertThat(page.text()).as("nothing of the console").doesNotContain("/ops/", "/runs", "/rewards/",
                    "Sign out", "_csrf");
        }
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/javascript"));
        assertThat(wallet.text()).contains(MmcText.format(walletTotal), paid.nodeId(), "/nodes/" + paid.nodeId());
        assertThat(node.text()).contains(paid.nodeId(), MmcText.format(paid.reward()),
                "/dapp/wallet/" + paid.ownerWallet());
    }

    @Test
    void onlyReadsAreServedAndAConsoleSessionOpensNothingMoreThere() {
        users.create("dapp-pages-ops", Role.OPS, "dapp pages password".toCharArray());
        ConsoleSession ops = new ConsoleSession(port);
        assertThat(ops.signIn("dapp-pages-ops", "dapp pages password").location()).endsWith("/");

        ConsoleSession.Page signedIn = ops.get("/dapp/wallet/" + paid.ownerWallet());
        ConsoleSession.Page console = ops.get("/ops/nodes/" + paid.nodeId());

        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.text()).doesNotContain("signed-in-as", "dapp-pages-ops", "_csrf");
        assertThat(console.status()).as("the console's own page of the node").isEqualTo(200);
        assertThat(hub().get("/ops/nodes/" + paid.nodeId()).status()).as("signed out: to the sign-in page")
                .isEqualTo(302);
        assertThat(hub().get("/nodes").status()).as("the node list is the console's").isEqualTo(302);
        assertThat(hub().post("/dapp/wallet/" + paid.ownerWallet(), "{}").status()).isEqualTo(403);
        assertThat(hub().post("/nodes/" + paid.nodeId(), "{}").status()).isEqualTo(403);
    }

    @Test
    void theWithdrawalTextIsTheOneTheApiVerifiesWithTheNextNonce() {
        HubClient.Response text = hub().get("/dapp/wallet/" + paid.ownerWallet() + "/withdrawal-text?amount=0.5");

        assertThat(text.status()).as(text.text()).isEqualTo(200);
        assertThat(text.body().get("text").asString())
                .isEqualTo(WithdrawalMessage.of(TestNode.HUB_ID, paid.ownerWallet(), 500_000_000L, 1));
        assertThat(text.body().get("amount").asLong()).isEqualTo(500_000_000L);
        assertThat(text.body().get("nonce").asLong()).isEqualTo(1);
    }

    @Test
    void whatCannotBeSignedOrShownIsNamedAndNothingIsStored() {
        String wallet = paid.ownerWallet();
        String stranger = TestNode.aWallet();
        long requests = jdbc.queryForObject("SELECT COUNT(*) FROM withdrawal_request", Long.class);
        String over = MmcText.format(walletTotal + 1);

        assertProblem("/dapp/wallet/" + wallet + "/withdrawal-text?amount=abc", 400,
                "amount 'abc' is not a number of MMC such as 20000 or 20000.5");
        assertProblem("/dapp/wallet/" + wallet + "/withdrawal-text?amount=0", 400,
                "amount must be a positive number of base units, got 0");
        assertProblem("/dapp/wallet/" + wallet + "/withdrawal-text?amount=-1", 400, "amount '-1' is negative");
        assertProblem("/dapp/wallet/" + wallet + "/withdrawal-text?amount=0.0000000001", 400, "has more than 9 decimals");
        assertProblem("/dapp/wallet/" + wallet + "/withdrawal-text?amount=" + over, 400, "amount " + (walletTotal + 1)
                + " exceeds the withdrawable balance " + walletTotal + " of wallet " + wallet);
        assertProblem("/dapp/wallet/" + wallet + "/withdrawal-text", 400, "parameter 'amount' is missing");
        assertProblem("/dapp/wallet/" + stranger + "/withdrawal-text?amount=1", 404, "wallet " + stranger
                + " has no settled rewards");
        assertProblem("/dapp/wallet/x0O/withdrawal-text?amount=1", 400, "wallet 'x0O' is not base58");
        assertProblem("/dapp/wallet/" + wallet + "/claim-text", 404, "wallet " + wallet
                + " is in no confirmed distribution yet");
        assertProblem("/dapp/wallet/" + wallet + "/unstake-text?node=" + paid.nodeId() + "&amount=1", 400,
                "amount 1000000000 exceeds what wallet " + wallet + " staked for node " + paid.nodeId()
                        + " and has not unstaked: 0 base units");
        assertProblem("/dapp/wallet/" + wallet + "/unstake-text?node=" + paid.nodeId() + "&amount=0", 400,
                "amount must be more than 0 MMC");
        assertProblem("/dapp/wallet/" + wallet + "/unstake-text?node=" + stranger + "&amount=1", 404,
                "unknown node " + stranger);
        assertPage("/dapp/wallet/not-a-wallet!", 400, "wallet &#39;not-a-wallet!&#39; is not base58");
        assertPage("/dapp/wallet/" + wallet + "?page=0", 400, "page must be 1 or more, got 0");
        assertPage("/dapp/wallet/" + wallet + "?page=two", 400, "parameter &#39;page&#39; must be a whole number,"
                + " got &#39;two&#39;");
        assertPage("/dapp/wallet/" + wallet + "?page=99", 404, "there is no page 99 of settled windows");
        assertPage("/nodes/" + stranger, 404, "unknown node " + stranger);
        assertPage("/nodes/%3Cimg%20src=x%20onerror=alert(1)%3E", 404, "unknown node &lt;img src=x onerror=alert(1)&gt;");
        HubClient.Response lookUp = hub().get("/dapp/wallet?address=" + "1".repeat(12));
        assertThat(lookUp.status()).isEqualTo(400);
        assertThat(lookUp.text()).contains("id=\"look-up-refused\">wallet &#39;111111111111&#39; decodes to 12 bytes,"
                + " a Solana address has 32");
        assertThat(hub().get("/dapp/wallet?address=%20" + wallet).headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/dapp/wallet/" + wallet));
        assertThat(hub().get("/dapp/wallet/" + stranger).text()).as("a wallet new to the Hub has a page")
                .contains("id=\"unknown-wallet\"");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM withdrawal_request", Long.class)).isEqualTo(requests);
    }

    private void assertProblem(String path, int status, String detail) {
        HubClient.Response answer = hub().get(path);
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.body().get("detail").asString()).contains(detail);
    }

    private void assertPage(String path, int status, String message) {
        HubClient.Response answer = hub().get(path);
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.text()).contains("id=\"problem\"", message).doesNotContain("<img src=x", "Sign out");
        assertThat(answer.headers().firstValue("Content-Security-Policy")).hasValue(DappSecurityConfiguration.POLICY);
    }
}
