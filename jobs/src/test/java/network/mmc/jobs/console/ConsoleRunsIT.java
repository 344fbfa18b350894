package network.mmc.jobs.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.support.ConsoleSession;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.TimeText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

/**
 * The settlement run pages over HTTP, no browser: paging and sorting refused outside what they accept (a 400 page
 * naming it), the report downloads against the REST API's, and re-runs refused on the form without writing anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRunsIT extends HubIntegrationTest {

    private static final String PASSWORD = "runs pages password";
    private static final Pattern NODE_CELL = Pattern.compile("<td class=\"node-id\">([^<]*)</td>");
    private static final Pattern ROW = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td[^>]*>(.*?)</td>", Pattern.DOTALL);

    @Autowired
    ConsoleUsers users;

    @Autowired
    ApiKeys apiKeys;

    private SettlementRun run;
    private String path;

    @BeforeAll
    void settleAWindow() {
        users.create("runs-ops", Role.OPS, PASSWORD.toCharArray());
        users.create("runs-finance", Role.FINANCE, PASSWORD.toCharArray());
        run = settlement.settle(SettlementFixtures.aWindowWithCalls(jdbc, loader));
        path = pathOf(window(run));
    }

    private ConsoleSession signedIn(String username) {
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.signIn(username, PASSWORD).location()).endsWith("/");
        return session;
    }

    @Test
    void theListPagesSettledWindowsNewestFirstEachAtItsLatestRevision() {
        SettlementWindow older = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        settlement.settle(older);
        SettlementRun rerun = settlement.rerun(older, "list test", "runs-it");
        SettlementWindow newer = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        settlement.settle(newer);
        long newerWindows = jdbc.queryForObject("SELECT COUNT(DISTINCT window_start) FROM settlement_run"
                + " WHERE window_start > ?", Long.class, UtcTimestamps.of(newer.start()));
        ConsoleSession finance = signedIn("runs-finance");

        List<List<String>> newerPage = rows(finance.get("/runs?size=1&page=" + newerWindows).text(), "runs");
        List<List<String>> olderPage = rows(finance.get("/runs?size=1&page=" + (newerWindows + 1)).text(), "runs");

        assertThat(newerPage).singleElement().satisfies(row -> assertThat(row.get(0))
                .isEqualTo(TimeText.format(newer.start())));
        assertThat(olderPage).singleElement().isEqualTo(List.of(TimeText.format(older.start()), "2", "COMPLETED",
                Long.toString(rerun.callCount()), Long.toString(rerun.lateCallCount()), Integer.toString(rerun.nodeCount()),
                MmcText.format(rerun.pool()), MmcText.format(rerun.allocated()), MmcText.format(rerun.unallocated()), "1"));
        assertThat(finance.get("/runs?size=1&page=" + newerWindows).text())
                .contains("page " + (newerWindows + 1) + " of ", "href=\"/runs?page=" + (newerWindows + 1) + "&amp;size=1\"");
    }

    @Test
    void pagingOutsideItsBoundsIsRefusedWithAPageNamingTheBounds() {
        ConsoleSession ops = signedIn("runs-ops");

        assertRefused(ops.get("/runs?page=-1"), 400, "page must be 0 or more (pages count from 0), got -1");
        assertRefused(ops.get("/runs?size=0"), 400, "size must be between 1 and 200 rows, got 0");
        assertRefused(ops.get("/runs?size=201"), 400, "size must be between 1 and 200 rows, got 201");
        assertRefused(ops.get("/runs?page=first"), 400, "parameter 'page' must be a whole number, got 'first'");
        assertRefused(ops.get(path + "?size=501"), 400, "size must be between 1 and 500 rows, got 501");
        assertRefused(ops.get(path + "?revision=latest"), 400, "parameter 'revision' must be a whole number");
        assertThat(unescaped(ops.get("/runs?page=100000&size=200"))).contains("Page 100000 is past the end");
        assertThat(unescaped(ops.get(path + "?page=7"))).contains("Page 7 is past the end: there are 1 page(s)");
    }

    @Test
    void anUnknownSortColumnOrDirectionIsRefusedNamingTheColumns() {
        ConsoleSession finance = signedIn("runs-finance");

        assertRefused(finance.get(path + "?sort=password"), 400, "sort 'password' is not a column of the node table;"
                + " the columns are node, owner, eligible, calls, ok, credits, self-dealt, quality, usage, stake,"
                + " stake-factor, weight, reward, flags");
        assertRefused(finance.get(path + "?sort=reward%20DESC;%20DROP%20TABLE%20node"), 400,
                "sort 'reward DESC; DROP TABLE node' is not a column");
        assertRefused(finance.get(path + "?sort=credits&direction=sideways"), 400,
                "direction 'sideways' is not one of asc, desc");
        ConsoleSession.Page script = finance.get(path + "?sort=%3Cscript%3Ealert(1)%3C/script%3E");
        assertThat(script.status()).isEqualTo(400);
        assertThat(script.text()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)");
    }

    @Test
    void theNodeTableShowsTheChosenOrderAndPage() {
        ConsoleSession finance = signedIn("runs-finance");
        Map<String, String> orders = Map.of(
                "sort=credits&direction=desc", "credits DESC", "sort=quality&direction=asc", "quality",
                "sort=owner&direction=asc", "owner_wallet", "sort=reward&direction=desc", "reward DESC",
                "sort=stake&direction=desc", "stake DESC", "sort=calls&direction=asc", "calls");

        orders.forEach((query, sql) -> assertThat(nodeIds(finance.get(path + "?" + query).text())).as(query)
                .isEqualTo(nodeIdsInDatabase(sql)));

        List<String> byCredits = nodeIdsInDatabase("credits DESC");
        assertThat(nodeIds(finance.get(path + "?sort=credits&direction=desc&size=2&page=1").text()))
                .isEqualTo(byCredits.subList(2, 4));
        assertThat(finance.get(path + "?sort=credits&direction=desc").text())
                .contains("id=\"sort-credits\" aria-sort=\"descending\"");
    }

    @Test
    void htmxGetsTheNodeTableAloneExceptWhenItRestoresAPageFromHistory() {
        ConsoleSession finance = signedIn("runs-finance");

        String table = finance.get(path + "?sort=reward&direction=desc", "HX-Request", "true").text();
        String restored = finance.get(path, "HX-Request", "true", "HX-History-Restore-Request", "true").text();

        assertThat(table).startsWith("<div id=\"nodes\">").doesNotContain("Revision history", "<html");
        assertThat(nodeIds(table)).isEqualTo(nodeIdsInDatabase("reward DESC"));
        assertThat(restored).contains("<html", "Revision history", "id=\"nodes\"");
    }

    @Test
    void downloadsServeWhatTheApiServesAndChartsArePngs() throws IOException {
        ConsoleSession finance = signedIn("runs-finance");
        HubClient api = hub().withKey(apiKeys.create(Role.FINANCE, "runs-it"));
        String file = "settlement-" + DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HHmm'Z'").withZone(ZoneOffset.UTC)
                .format(run.windowStart()) + "-r1";

        for (String csv : List.of("report-nodes.csv", "report-wallets.csv")) {
            ConsoleSession.Download download = finance.download(path + "/" + csv);

            assertThat(download.status()).isEqualTo(200);
            assertThat(download.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
            assertThat(download.headers().firstValue("Content-Disposition"))
                    .hasValue("attachment; filename=" + file + csv.substring("report".length()));
            assertThat(download.bytes()).isEqualTo(api.download("/api/settlements/" + run.windowStart() + "/" + csv).bytes());
        }
        ConsoleSession.Download html = finance.download(path + "/report.html?revision=1");
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
        assertThat(new String(html.bytes(), StandardCharsets.UTF_8)).contains(run.inputSha256());

        for (String chart : List.of("rewards", "lorenz", "credits", "probes", "emission")) {
            ConsoleSession.Download png = finance.download(path + "/charts/" + chart + ".png");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.bytes()));
            BufferedImage fromApi = ImageIO.read(new ByteArrayInputStream(
                    api.download("/api/settlements/" + run.windowStart() + "/report-" + chart + ".png").bytes()));

            assertThat(png.headers().firstValue("Content-Type")).as(chart).hasValue("image/png");
            assertThat(image.getWidth()).as(chart).isEqualTo(fromApi.getWidth());
            assertThat(image.getHeight()).as(chart).isEqualTo(fromApi.getHeight());
        }
        assertRefused(finance.get(path + "/charts/secrets.png"), 400,
                "chart 'secrets' is not one of [rewards, lorenz, credits, probes, emission]");
        assertRefused(finance.get(path + "/report.pdf"), 400, "report 'report.pdf' is not one of");
        assertThat(new ConsoleSession(port).get(path + "/report-nodes.csv").location()).endsWith("/login");
    }

    @Test
    void aWindowThatIsNotSettledOrNotAWindowIsNamed() {
        ConsoleSession finance = signedIn("runs-finance");

        assertRefused(finance.get("/runs/2019-06-01T00:00:00Z"), 404, "window 2019-06-01T00:00:00Z is not settled");
        assertRefused(finance.get(path + "?revision=99"), 404, "has no revision 99");
        assertRefused(finance.get("/runs/2026-02-01T01:00:00Z"), 400, "does not start on a PT2H boundary");
        assertRefused(finance.get("/runs/yesterday"), 400, "window 'yesterday' is not an ISO-8601 time");
    }

    @Test
    void aRefusedRerunIsShownOnTheFormAndWritesNothing() {
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        settlement.settle(window);
        String rerun = pathOf(window) + "/reruns";
        ConsoleSession ops = signedIn("runs-ops");
        assertThat(unescaped(ops.get(pathOf(window) + "/rerun"))).contains("Re-run as revision 2",
                "revision 1, completed", "checked on submit:", "passes now:");

        assertRefused(ops.postForm(rerun, Map.of("reason", " ", "shownRevision", "1")), 400,
                "a re-run needs a reason and an operator name");
        assertRefused(ops.postForm(rerun, Map.of("reason", "x".repeat(501), "shownRevision", "1")), 400,
                "reason is 501 characters long; at most 500 are allowed");
        assertRefused(ops.postForm(rerun, Map.of("reason", "two\nlines", "shownRevision", "1")), 400,
                "reason contains control characters");
        assertRefused(ops.postForm(rerun, Map.of("reason", "seen long ago", "shownRevision", "0")), 409,
                "is at revision 1 now, not at the revision 0 shown when this re-run was asked for");
        assertRefused(ops.postForm(rerun, Map.of("reason", "no revision")), 400, "parameter 'shownRevision' is missing");
        assertRefused(ops.postForm("/runs/2019-06-01T00:00:00Z/reruns", Map.of("reason", "r", "shownRevision", "1")),
                404, "window 2019-06-01T00:00:00Z is not settled");
        assertThat(runs.latestCompletedRevision(window.start())).hasValue(1);

        ConsoleSession.Page done = ops.postForm(rerun, Map.of("reason", "a late batch of calls", "shownRevision", "1"));

        assertThat(done.status()).isEqualTo(302);
        assertThat(done.location()).endsWith(pathOf(window) + "?revision=2");
        assertThat(runs.get(window, 2)).extracting(SettlementRun::reason, SettlementRun::operator)
                .containsExactly("a late batch of calls", "runs-ops");
        assertThat(unescaped(ops.get(pathOf(window) + "?revision=2")))
                .contains("Revision 2 written: a late batch of calls (operator runs-ops).");
    }

    @Test
    void financeSeesNoRerunButtonAndIsRefusedTheForm() {
        ConsoleSession finance = signedIn("runs-finance");

        assertThat(signedIn("runs-ops").get(path).text()).contains("id=\"rerun\"");
        assertThat(finance.get(path).text()).doesNotContain("id=\"rerun\"", "Re-run…");
        ConsoleSession.Page form = finance.get(path + "/rerun");
        assertThat(form.status()).isEqualTo(403);
        assertThat(form.text()).contains("Not allowed");
    }

    private List<String> nodeIdsInDatabase(String order) {
        return jdbc.queryForList("SELECT node_id FROM node_settlement WHERE run_id = ? ORDER BY " + order + ", node_id",
                String.class, run.id());
    }

    private static SettlementWindow window(SettlementRun run) {
        return new SettlementWindow(run.windowStart(), run.windowEnd());
    }

    private static String pathOf(SettlementWindow window) {
        return "/runs/" + TimeText.format(window.start());
    }

    private static void assertRefused(ConsoleSession.Page page, int status, String message) {
        assertThat(page.status()).as(message).isEqualTo(status);
        assertThat(unescaped(page)).contains(message);
    }

    private static String unescaped(ConsoleSession.Page page) {
        return HtmlUtils.htmlUnescape(page.text());
    }

    private static List<String> nodeIds(String html) {
        List<String> ids = new ArrayList<>();
        Matcher cell = NODE_CELL.matcher(html);
        while (cell.find()) {
            ids.add(cell.group(1));
        }
        return ids;
    }

    /** The text of each body row's cells of table {@code id}. */
    private static List<List<String>> rows(String html, String id) {
        String table = html.substring(html.indexOf("<table id=\"" + id + "\""));
        table = table.substring(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.add(HtmlUtils.htmlUnescape(cell.group(1).replaceAll("<[^>]+>", "").strip()));
            }
            rows.add(cells);
        }
        return rows;
    }
}
