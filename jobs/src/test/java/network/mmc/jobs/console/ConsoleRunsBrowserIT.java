package network.mmc.jobs.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.calls.CallRecordRow;
import network.mmc.jobs.csv.CsvReader;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.support.ConsoleBrowser;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.TimeText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A settled window in a real browser: OPS opens it, sorts its node table, downloads its CSV and compares it with the
 * database, adds records to the window and re-runs it, and sees the new revision and its wallet diff; FINANCE sees
 * no re-run button and is refused the form. Screenshots in {@code target/screenshots}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRunsBrowserIT extends HubIntegrationTest {

    private static final String PASSWORD = "browser runs password";
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmm'Z'")
            .withZone(ZoneOffset.UTC);

    @Autowired
    ConsoleUsers users;

    @TempDir
    static Path downloads;

    private ConsoleBrowser browser;
    private SettlementWindow window;
    private SettlementRun first;

    @BeforeAll
    void settleAndStartTheBrowser() {
        users.create("runs-browser-ops", Role.OPS, PASSWORD.toCharArray());
        users.create("runs-browser-finance", Role.FINANCE, PASSWORD.toCharArray());
        window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        first = settlement.settle(window);
        browser = new ConsoleBrowser(port, downloads);
    }

    @AfterAll
    void stop() {
        browser.close();
    }

    @Test
    void opsSortsTheNodesDownloadsTheCsvAndReRunsTheWindow() throws IOException {
        String shown = TimeText.format(window.start());
        browser.signIn("runs-browser-ops", PASSWORD);
        // by its address: other tests settle later windows, which the list shows first
        browser.open("/runs/" + shown);
        assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("Settlement of " + shown + " revision 1 of 1");
        assertThat(browser.text(By.id("summary-calls"))).isEqualTo(Long.toString(first.callCount()));
        assertThat(browser.text(By.id("recheck"))).contains("./mmc-hub audit --from-export run");
        browser.screenshot("console-run-detail");

        // htmx swaps the table only: a mark left on the page survives the sort
        script("document.body.dataset.mark = 'kept'");
        browser.driver().findElement(By.cssSelector("#sort-credits a")).click();
        waitForSort("sort-credits", "descending");
        assertThat(shownNodeIds()).isEqualTo(nodeIdsInDatabase(first, "credits DESC"));
        browser.driver().findElement(By.cssSelector("#sort-credits a")).click();
        waitForSort("sort-credits", "ascending");
        assertThat(shownNodeIds()).isEqualTo(nodeIdsInDatabase(first, "credits"));
        browser.driver().findElement(By.cssSelector("#sort-owner a")).click();
        waitForSort("sort-owner", "ascending");
        assertThat(shownNodeIds()).isEqualTo(nodeIdsInDatabase(first, "owner_wallet"));
        assertThat(script("return document.body.dataset.mark")).isEqualTo("kept");
        assertThat(browser.driver().getCurrentUrl()).contains("sort=owner", "direction=asc");
        script("document.getElementById('node-section').scrollIntoView()");
        browser.screenshot("console-run-nodes-sorted");

        browser.driver().findElement(By.id("download-nodes-csv")).click();
        Path csv = downloads.resolve("settlement-" + FILE_TIME.format(window.start()) + "-r1-nodes.csv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(csv));
        assertThat(csvColumns(Files.readString(csv))).isEqualTo(nodeLinesInDatabase(first));

        String paid = jdbc.queryForObject("SELECT node_id FROM node_settlement WHERE run_id = ? AND eligible"
                + " AND reward > 0 ORDER BY node_id LIMIT 1", String.class, first.id());
        List<CallRecordRow> late = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            late.add(new CallRecordRow("browser-late-" + window.start() + "-" + i, paid, CallerType.API_USER, "u",
                    "late-user-" + i, "gemm", CallStatus.SUCCESS, 5_000, 50, null,
                    window.start().plusSeconds(5_000 + i)));
        }
        loader.load(late);

        browser.driver().findElement(By.id("rerun")).click();
        assertThat(browser.text(By.id("preview-current"))).startsWith("revision 1, completed");
        assertThat(browser.text(By.id("preview-records"))).startsWith((first.callCount() + 30) + " (revision 1 counted "
                + first.callCount() + ": 30 more)");
        assertThat(browser.text(By.id("submit-rerun"))).isEqualTo("Re-run as revision 2");
        assertThat(browser.text(By.id("rerun-checks"))).contains("passes now: no run of this window is in progress");
        browser.driver().findElement(By.id("reason")).sendKeys("30 calls delivered after the run");
        browser.screenshot("console-rerun-form");
        browser.driver().findElement(By.id("submit-rerun")).click();

        assertThat(browser.text(By.id("notice")))
                .isEqualTo("Revision 2 written: 30 calls delivered after the run (operator runs-browser-ops).");
        assertThat(browser.text(By.id("revision-of"))).isEqualTo("revision 2 of 2");
        assertThat(browser.text(By.id("summary-reason"))).isEqualTo("30 calls delivered after the run (operator runs-browser-ops)");
        SettlementRun second = runs.get(window, 2);
        assertThat(browser.text(By.id("summary-calls"))).isEqualTo(Long.toString(first.callCount() + 30));
        List<List<String>> diff = tableRows(browser.waitFor(By.id("diff-r2")));
        assertThat(diff).isNotEmpty().isEqualTo(walletDiffInDatabase(first, second));
        script("document.getElementById('history').scrollIntoView()");
        browser.screenshot("console-rerun-diff");
        browser.signOut();
    }

    @Test
    void financeSeesNoReRunButtonAndIsRefusedTheForm() {
        String shown = TimeText.format(window.start());
        browser.signIn("runs-browser-finance", PASSWORD);
        browser.open("/runs/" + shown);

        assertThat(browser.text(By.cssSelector("h1"))).startsWith("Settlement of " + shown);
        assertThat(browser.driver().findElements(By.id("rerun"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("download-nodes-csv"))).hasSize(1);

        browser.open("/runs/" + shown + "/rerun");
        assertThat(browser.text(By.cssSelector("h1"))).isEqualTo("Not allowed");
        assertThat(browser.driver().findElements(By.id("rerun-form"))).isEmpty();
        browser.screenshot("console-rerun-finance-refused");
        browser.signOut();
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser.driver()).executeScript(code);
    }

    private void waitForSort(String header, String direction) {
        // the header may be swapped out between finding it and reading it
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.attributeToBe(By.id(header), "aria-sort", direction));
    }

    private List<String> shownNodeIds() {
        return browser.driver().findElements(By.cssSelector("#node-table td.node-id")).stream()
                .map(WebElement::getText).toList();
    }

    private List<String> nodeIdsInDatabase(SettlementRun run, String order) {
        return jdbc.queryForList("SELECT node_id FROM node_settlement WHERE run_id = ? ORDER BY " + order + ", node_id",
                String.class, run.id());
    }

    /** node, owner, calls, ok, credits, self-dealt, stake, reward: as stored, in node order. */
    private List<List<String>> nodeLinesInDatabase(SettlementRun run) {
        return jdbc.query("SELECT node_id, COALESCE(owner_wallet, ''), calls, ok, credits, self_dealt, stake, reward"
                        + " FROM node_settlement WHERE run_id = ? ORDER BY node_id",
                (row, i) -> List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), row.getString(7), row.getString(8)), run.id());
    }

    /** The same columns of the downloaded CSV, found by their header names. */
    private static List<List<String>> csvColumns(String csv) {
        CsvReader reader = new CsvReader(new StringReader(csv));
        List<String> header = reader.next();
        List<Integer> columns = List.of("node_id", "owner_wallet", "calls", "ok", "credits", "self_dealt",
                "stake_base_units", "reward_base_units").stream().map(header::indexOf).toList();
        assertThat(columns).doesNotContain(-1);
        List<List<String>> rows = new ArrayList<>();
        for (List<String> row = reader.next(); row != null; row = reader.next()) {
            rows.add(columns.stream().map(row::get).toList());
        }
        return rows;
    }

    /** Per wallet whose pay changed: old, new and the correction posted, in MMC, from the stored rows. */
    private List<List<String>> walletDiffInDatabase(SettlementRun before, SettlementRun after) {
        Map<String, Long> old = paidByWallet(before);
        Map<String, Long> now = paidByWallet(after);
        Map<String, Long> posted = new HashMap<>();
        jdbc.query("SELECT wallet, amount FROM ledger_entry WHERE run_id = ? AND entry_type = 'CORRECTION'",
                row -> {
                    posted.put(row.getString(1), row.getLong(2));
                }, after.id());
        TreeSet<String> wallets = new TreeSet<>(old.keySet());
        wallets.addAll(now.keySet());
        return wallets.stream().filter(w -> !old.getOrDefault(w, 0L).equals(now.getOrDefault(w, 0L)))
                .map(w -> List.of(w, MmcText.format(old.getOrDefault(w, 0L)), MmcText.format(now.getOrDefault(w, 0L)),
                        MmcText.format(posted.getOrDefault(w, 0L)))).toList();
    }

    private Map<String, Long> paidByWallet(SettlementRun run) {
        Map<String, Long> paid = new HashMap<>();
        jdbc.query("SELECT owner_wallet, SUM(reward) FROM node_settlement WHERE run_id = ? AND owner_wallet IS NOT NULL"
                + " GROUP BY owner_wallet HAVING SUM(reward) <> 0", row -> {
                    paid.put(row.getString(1), row.getLong(2));
                }, run.id());
        return paid;
    }

    private static List<List<String>> tableRows(WebElement table) {
        return table.findElements(By.cssSelector("tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).toList();
    }
}
