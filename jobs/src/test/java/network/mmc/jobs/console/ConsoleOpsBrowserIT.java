package network.mmc.jobs.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.scheduling.JobExecutions;
import network.mmc.jobs.scheduling.SchedulerControl;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.support.ConsoleBrowser;
import network.mmc.jobs.support.HeldPartition;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestNode;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The schedules, jobs, rewards and nodes pages in a real browser, on a settled window, a node registered through the
 * API and a settlement stopped mid-way: OPS click the actions and see their outcome, FINANCE never sees them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOpsBrowserIT extends HubIntegrationTest {

    private static final String PASSWORD = "ops browser password";
    private static final long STAKE = 4_000_000_000_000L;
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @Autowired
    ConsoleUsers users;

    @Autowired
    SchedulerControl scheduler;

    @Autowired
    JobExecutions executions;

    @Autowired
    NodeRegistry registry;

    @Autowired
    ConsoleFormat format;

    @TempDir
    static Path downloads;

    private ConsoleBrowser browser;
    private SettlementWindow window;
    private NodeSettlementLine paid;
    private long walletTotal;

    @BeforeAll
    void start() {
        users.create("browser-ops", Role.OPS, PASSWORD.toCharArray());
        users.create("browser-finance", Role.FINANCE, PASSWORD.toCharArray());
        scheduler.install();
        window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        SettlementRun run = settlement.settle(window);
        List<NodeSettlementLine> lines = runs.nodes(run.id());
        paid = lines.stream().filter(n -> n.reward() > 0 && n.ownerWallet() != null).findFirst().orElseThrow();
        walletTotal = lines.stream().filter(n -> paid.ownerWallet().equals(n.ownerWallet()))
                .mapToLong(NodeSettlementLine::reward).sum();
        browser = new ConsoleBrowser(port, downloads);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void opsPauseAndResumeAScheduleByClickingAndSeeTheStateChangeInPlace() {
        browser.signIn("browser-ops", PASSWORD);
        browser.open("/schedules");
        assertThat(browser.text(By.cssSelector("#schedule-export td.state"))).isEqualTo("NORMAL");
        browser.screenshot("console-schedules-ops");
        waitUntil("htmx loaded", "return typeof htmx !== 'undefined'");
        script("window.stillThisPage = true");

        browser.driver().findElement(By.cssSelector("#schedule-export button.pause")).click();

        waitFor(ExpectedConditions.textToBe(By.cssSelector("#schedule-export td.state"), "PAUSED"));
        assertThat(browser.text(By.id("action-notice"))).isEqualTo("Paused export: it does not fire until it is resumed.");
        assertThat(script("return window.stillThisPage === true")).as("swapped by htmx, not"
                + " reloaded").isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector("#schedule-export button.pause"))).isEmpty();
        browser.screenshot("console-schedules-paused");

        browser.driver().findElement(By.cssSelector("#schedule-export button.resume")).click();

        waitFor(ExpectedConditions.textToBe(By.cssSelector("#schedule-export td.state"), "NORMAL"));
        assertThat(browser.text(By.id("action-notice"))).startsWith("Resumed export");
        assertThat(scheduler.triggers()).filteredOn(t -> t.name().equals("export")).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo("NORMAL"));
        browser.signOut();
    }

    @Test
    void financeSeesNoOpsButtonsWhileOpsRestartAStoppedSettlementByClickingOnceOnly() throws Exception {
        long stopped = aStoppedSettlement();

        browser.signIn("browser-finance", PASSWORD);
        browser.open("/schedules");
        assertThat(browser.text(By.id("schedule-table"))).contains("settlement", "export");
        assertThat(browser.driver().findElements(By.cssSelector("#schedule-table button"))).isEmpty();
        browser.open("/jobs");
        assertThat(browser.text(By.id("job-" + stopped))).contains("STOPPED");
        assertThat(browser.driver().findElements(By.cssSelector("#job-table button"))).isEmpty();
        browser.open("/jobs/" + stopped);
        assertThat(browser.text(By.id("job-status"))).isEqualTo("STOPPED");
        assertThat(browser.driver().findElements(By.cssSelector("button.restart, button.stop"))).isEmpty();
        browser.screenshot("console-job-stopped-finance");
        browser.signOut();

        browser.signIn("browser-ops", PASSWORD);
        browser.open("/jobs");
        assertThat(browser.driver().findElement(By.id("job-" + stopped)).findElements(By.cssSelector("button.restart")))
                .hasSize(1);
        browser.screenshot("console-jobs-ops");
        browser.open("/jobs/" + stopped);
        waitUntil("htmx loaded", "return typeof htmx !== 'undefined'");

        browser.driver().findElement(By.cssSelector("button.restart")).click();

        String notice = browser.text(By.id("action-notice"));
        assertThat(notice).startsWith("Execution " + stopped + " restarted as execution ");
        long restarted = Long.parseLong(notice.replaceAll(".*restarted as execution (\\d+),.*", "$1"));
        waitFor(ExpectedConditions.urlMatches("/jobs/" + restarted + "$"));
        waitFor(ExpectedConditions.textToBe(By.id("job-status"), "COMPLETED"));
        assertThat(executions.line(restarted).status()).isEqualTo("COMPLETED");
        assertThat(browser.text(By.id("step-table"))).contains("aggregatePartitionStep");
        browser.screenshot("console-job-restarted");

        browser.open("/jobs/" + stopped);
        waitUntil("htmx loaded", "return typeof htmx !== 'undefined'");
        browser.driver().findElement(By.cssSelector("button.restart")).click();

        assertThat(browser.text(By.id("action-refused"))).isEqualTo("execution " + stopped + " is not the latest of"
                + " its job instance: execution " + restarted + " (COMPLETED) is; restart that one if it FAILED or"
                + " STOPPED");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/jobs/" + stopped);
        browser.signOut();
    }

    @Test
    void aPaidNodesPageShowsItsRewardStakeProbesAndOwnerAndTheOwnersWalletPageItsBalance() {
        registry.setStake(paid.nodeId(), STAKE, "alice", "vault read after the window");
        String round = "console-browser-" + paid.nodeId();
        Instant probed = Instant.now().minus(Duration.ofHours(1));
        jdbc.update("INSERT INTO probe_round (round_id, validator_id, started_at, n, k) VALUES (?, 'console-validator',"
                + " ?, 4, 1)", round, UtcTimestamps.of(probed));
        jdbc.update("INSERT INTO probe_target (round_id, node_id) VALUES (?, ?)", round, paid.nodeId());
        jdbc.update("INSERT INTO probe_result (round_id, node_id, status, called_at, latency_ms, gflops, detail)"
                + " VALUES (?, ?, 'SUCCESS', ?, 42, 1234.5, 'product verified')", round, paid.nodeId(),
                UtcTimestamps.of(probed));
        browser.signIn("browser-finance", PASSWORD);

        browser.open("/ops/nodes/" + paid.nodeId());

        assertThat(browser.text(By.id("node-id"))).isEqualTo(paid.nodeId());
        assertThat(browser.text(By.id("node-kind"))).isEqualTo("COMPUTING");
        assertThat(browser.text(By.id("node-state"))).isEqualTo("offline");
        assertThat(browser.text(By.id("node-owner"))).isEqualTo(paid.ownerWallet());
        assertThat(browser.text(By.id("node-stake"))).isEqualTo(format.mmc(STAKE) + " MMC");
        assertThat(browser.text(By.id("node-rewards"))).contains(format.time(window.start()) + " 1 " + paid.calls()
                + " " + paid.ok() + " " + paid.credits()).contains(format.mmc(paid.reward()));
        assertThat(browser.driver().findElement(By.cssSelector("#node-rewards td.paid-to a")).getAttribute("href"))
                .endsWith("/rewards/" + paid.ownerWallet());
        assertThat(browser.text(By.id("probe-results"))).contains(format.time(probed) + " SUCCESS 42 1234.5 product"
                + " verified");
        assertThat(browser.text(By.id("stake-history"))).contains(format.mmc(paid.stake()) + " " + format.mmc(STAKE)
                + " alice vault read after the window");
        browser.screenshot("console-node");

        browser.driver().findElement(By.cssSelector("#node-owner a")).click();

        waitFor(ExpectedConditions.urlContains("/rewards/" + paid.ownerWallet()));
        assertThat(browser.text(By.cssSelector("#settled .figure"))).isEqualTo(format.mmc(walletTotal));
        assertThat(browser.text(By.cssSelector("#requested .figure"))).isEqualTo(format.mmc(0));
        assertThat(browser.text(By.cssSelector("#withdrawable .figure"))).isEqualTo(format.mmc(walletTotal));
        assertThat(browser.text(By.id("reward-history"))).contains(format.time(window.start()) + " 1 "
                + format.mmc(walletTotal) + " r1 ACCRUAL " + format.mmc(walletTotal));
        assertThat(browser.text(By.id("wallet-nodes"))).contains(paid.nodeId());
        assertThat(browser.text(By.id("no-withdrawals"))).contains("no withdrawal");
        browser.screenshot("console-wallet");
        browser.signOut();
    }

    @Test
    void theWalletSearchRefusesAMalformedWalletAndListsTheLargestBalancesFirst() {
        browser.signIn("browser-finance", PASSWORD);
        browser.open("/rewards");
        List<BigDecimal> largest = browser.driver().findElements(By.cssSelector("#largest-balances tbody tr td:nth-child(2)"))
                .stream().map(WebElement::getText).map(BigDecimal::new).toList();
        assertThat(largest).isNotEmpty().isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(largest.get(0)).isGreaterThanOrEqualTo(new BigDecimal(format.mmc(walletTotal)));

        browser.driver().findElement(By.id("wallet-search")).sendKeys("0OIl-not-base58");
        browser.driver().findElement(By.id("wallet-go")).click();

        assertThat(browser.text(By.id("wallet-refused"))).isEqualTo("wallet '0OIl-not-base58' is not base58");
        browser.screenshot("console-rewards");

        browser.driver().findElement(By.id("wallet-search")).clear();
        browser.driver().findElement(By.id("wallet-search")).sendKeys(paid.ownerWallet());
        browser.driver().findElement(By.id("wallet-go")).click();

        assertThat(browser.text(By.id("wallet"))).isEqualTo(paid.ownerWallet());
        browser.signOut();
    }

    @Test
    void aRegisteredNodeIsListedByItsFilterAndItsPageShowsItsLastStatus() {
        TestNode node = TestNode.aNode();
        String owner = TestNode.aWallet();
        assertThat(hub().post("/api/nodes", node.registerRequest(NodeKind.COMPUTING, null)).status()).isEqualTo(201);
        assertThat(hub().post("/api/nodes/" + node.id() + "/status", node.statusRequest("H100", 81_920, "1.4.2"))
                .status()).isEqualTo(200);
        assertThat(hub().post("/api/nodes/" + node.id() + "/wallet", node.bindRequest(owner)).status()).isEqualTo(200);
        browser.signIn("browser-ops", PASSWORD);
        browser.open("/ops/nodes");

        new Select(browser.driver().findElement(By.id("filter-kind"))).selectByValue("COMPUTING");
        new Select(browser.driver().findElement(By.id("filter-online"))).selectByValue("online");
        browser.driver().findElement(By.id("filter-go")).click();

        waitFor(ExpectedConditions.urlContains("online=online"));
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#node-table tbody tr"));
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getText()).contains("COMPUTING online"));
        browser.screenshot("console-nodes");

        browser.open("/ops/nodes/" + node.id());

        assertThat(browser.text(By.id("node-state"))).isEqualTo("online");
        assertThat(browser.text(By.id("node-gpu"))).isEqualTo("H100, 81920 MB");
        assertThat(browser.text(By.id("node-agent"))).isEqualTo("1.4.2");
        assertThat(browser.text(By.id("node-owner"))).isEqualTo(owner);
        assertThat(browser.text(By.id("wallet-history"))).contains(owner + " none");
        assertThat(browser.text(By.id("no-rewards"))).contains("not been in a settled window");
        browser.screenshot("console-node-registered");

        browser.open("/ops/nodes/" + TestNode.aWallet());
        assertThat(browser.text(By.id("problem"))).startsWith("unknown node ");
        browser.signOut();
    }

    /** A settlement stopped between two chunk boundaries, as ops stop one. */
    private long aStoppedSettlement() throws Exception {
        SettlementWindow held = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        CompletableFuture<SettlementRun> settling;
        long stopped;
        try (HeldPartition hold = HeldPartition.of(held)) {
            settling = CompletableFuture.supplyAsync(() -> settlement.settle(held));
            stopped = hold.awaitHeldExecution(jdbc, DEADLINE);
            executions.stop(stopped);
        }
        assertThatThrownBy(settling::join).hasMessageContaining("ended STOPPED");
        return stopped;
    }

    private Object script(String script) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script);
    }

    private void waitUntil(String what, String script) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).withMessage(what)
                .until(driver -> Boolean.TRUE.equals(script(script)));
    }

    private <T> T waitFor(ExpectedCondition<T> condition) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(condition);
    }
}
