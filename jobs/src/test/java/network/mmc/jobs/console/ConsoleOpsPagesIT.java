package network.mmc.jobs.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.scheduling.JobExecutions;
import network.mmc.jobs.scheduling.SchedulerControl;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.support.ConsoleSession;
import network.mmc.jobs.support.HeldPartition;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestNode;
import network.mmc.scheduler.TriggerView;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The schedules, jobs, rewards and nodes pages over HTTP: what OPS actions do and answer, that FINANCE can neither
 * see nor use them, and how the pages refuse what they cannot show.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOpsPagesIT extends HubIntegrationTest {

    private static final String PASSWORD = "ops pages password";
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    @Autowired
    ConsoleUsers users;

    @Autowired
    SchedulerControl scheduler;

    @Autowired
    JobExecutions executions;

    @BeforeAll
    void usersAndSchedules() {
        users.create("pages-ops", Role.OPS, PASSWORD.toCharArray());
        users.create("pages-finance", Role.FINANCE, PASSWORD.toCharArray());
        scheduler.install();
    }

    private ConsoleSession signedIn(String username) {
        ConsoleSession session = new ConsoleSession(port);
        assertThat(session.signIn(username, PASSWORD).location()).endsWith("/");
        return session;
    }

    @Test
    void opsPauseThenResumeAScheduleAndThePageShowsEachState() {
        ConsoleSession ops = signedIn("pages-ops");
        assertThat(stateOnPage(ops.get("/schedules").text(), "export")).isEqualTo("NORMAL");

        ConsoleSession.Page paused = follow(ops, ops.postForm("/schedules/export/pause", Map.of()));

        assertThat(paused.text()).contains("Paused export: it does not fire until it is resumed.");
        assertThat(stateOnPage(paused.text(), "export")).isEqualTo("PAUSED");
        assertThat(stateOf("export")).isEqualTo("PAUSED");
        assertThat(row(paused.text(), "export")).contains(">Resume<").doesNotContain(">Pause<");

        ConsoleSession.Page resumed = follow(ops, ops.postForm("/schedules/export/resume", Map.of()));

        assertThat(resumed.text()).contains("Resumed export");
        assertThat(stateOnPage(resumed.text(), "export")).isEqualTo("NORMAL");
        assertThat(stateOf("export")).isEqualTo("NORMAL");
        assertThat(ops.get("/schedules").text()).as("the notice is shown once").doesNotContain("Resumed export");
    }

    @Test
    void financeSeesNoScheduleOrJobButtonsAndItsPostsChangeNothing() {
        long completed = settlement.settle(SettlementFixtures.aWindowWithCalls(jdbc, loader)).jobExecutionId();
        ConsoleSession finance = signedIn("pages-finance");

        String schedules = finance.get("/schedules").text();
        assertThat(schedules).contains("settlement", "export").doesNotContain(">Pause<", ">Resume<", ">Trigger now<",
                "/schedules/export/pause");
        assertThat(finance.get("/jobs").text()).doesNotContain(">Stop<", ">Restart<", "/restart\"", "/stop\"");
        for (String action : new String[] {"/schedules/export/pause", "/schedules/export/trigger",
                "/jobs/" + completed + "/stop", "/jobs/" + completed + "/restart"}) {
            ConsoleSession.Page refused = finance.postForm(action, Map.of());
            assertThat(refused.status()).as(action).isEqualTo(403);
            assertThat(refused.text()).as(action).contains("Not allowed");
        }
        assertThat(stateOf("export")).isEqualTo("NORMAL");
        assertThat(executions.line(completed).status()).isEqualTo("COMPLETED");
    }

    @Test
    void anUnknownScheduleIsRefusedNamingItAndTheKnownOnes() {
        ConsoleSession ops = signedIn("pages-ops");
        ops.get("/schedules");

        ConsoleSession.Page refused = ops.postForm("/schedules/nightly/pause", Map.of());

        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.text()).contains("no trigger named &#39;nightly&#39;; known: [", "export", "settlement")
                .contains("id=\"schedule-table\"");
    }

    @Test
    void stopAndRestartOfACompletedExecutionAnswerWhyNot() {
        long completed = settlement.settle(SettlementFixtures.aWindowWithCalls(jdbc, loader)).jobExecutionId();
        ConsoleSession ops = signedIn("pages-ops");
        ops.get("/jobs/" + completed);

        ConsoleSession.Page restart = ops.postForm("/jobs/" + completed + "/restart", Map.of());
        ConsoleSession.Page stop = ops.postForm("/jobs/" + completed + "/stop", Map.of());

        assertThat(restart.status()).isEqualTo(409);
        assertThat(restart.text()).contains("execution " + completed + " COMPLETED: there is nothing to resume;"
                + " only a FAILED or STOPPED execution can be restarted").contains("id=\"job-facts\"");
        assertThat(stop.status()).isEqualTo(409);
        assertThat(stop.text()).contains("execution " + completed + " is not running: it ended COMPLETED");
        ConsoleSession.Page unknown = ops.postForm("/jobs/999999999/restart", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text()).contains("no job execution 999999999");
    }

    @Test
    void opsStopARunningSettlementThenRestartItAndEachPageSaysWhatHappened() throws Exception {
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        ConsoleSession ops = signedIn("pages-ops");
        CompletableFuture<SettlementRun> settling;
        long stopped;
        try (HeldPartition held = HeldPartition.of(window)) {
            settling = CompletableFuture.supplyAsync(() -> settlement.settle(window));
            stopped = held.awaitHeldExecution(jdbc, DEADLINE);
            String list = ops.get("/jobs").text();
            assertThat(list).contains("refreshes every 5 seconds", "/jobs/" + stopped + "/stop");

            ConsoleSession.Page stop = follow(ops, ops.postForm("/jobs/" + stopped + "/stop", Map.of()));

            assertThat(stop.text()).contains("Execution " + stopped + " ends STOPPED at its next step or chunk"
                    + " boundary; restart it then to resume where it stopped.");
        }
        assertThatThrownBy(settling::join).hasMessageContaining("ended STOPPED");
        assertThat(ops.get("/jobs/" + stopped).text()).contains("status-STOPPED", "/jobs/" + stopped + "/restart");

        ConsoleSession.Page restart = ops.postForm("/jobs/" + stopped + "/restart", Map.of());

        assertThat(restart.status()).isEqualTo(302);
        long restarted = Long.parseLong(restart.location().replaceAll(".*/jobs/", ""));
        assertThat(restarted).isGreaterThan(stopped);
        assertThat(follow(ops, restart).text()).contains("Execution " + stopped + " restarted as execution "
                + restarted + ", which resumes where it ended");
        await().atMost(DEADLINE).until(() -> executions.line(restarted).status().equals("COMPLETED"));
        assertThat(ops.get("/jobs/" + restarted).text()).contains("status-COMPLETED", "id=\"step-table\"")
                .doesNotContain("/jobs/" + restarted + "/restart");
    }

    @Test
    void pagesRefuseWhatTheyCannotShowNamingIt() {
        ConsoleSession finance = signedIn("pages-finance");
        String unknownWallet = TestNode.aWallet();

        assertRefused(finance.get("/rewards?wallet=not-a-wallet!"), 400, "wallet &#39;not-a-wallet!&#39; is not base58");
        assertRefused(finance.get("/rewards?wallet=" + "1".repeat(12)), 400, "decodes to 12 bytes, a Solana address"
                + " has 32");
        assertRefused(finance.get("/rewards/" + unknownWallet), 404, "wallet " + unknownWallet + " is unknown to the"
                + " Hub: no node is bound to it, no reward was settled to it and it asked for no withdrawal");
        assertThat(finance.get("/rewards?wallet=" + unknownWallet).location()).endsWith("/rewards/" + unknownWallet);
        assertRefused(finance.get("/ops/nodes/" + unknownWallet), 404, "unknown node " + unknownWallet);
        assertRefused(finance.get("/ops/nodes/%3Cimg%20src=x%20onerror=alert(1)%3E"), 404,
                "unknown node &lt;img src=x onerror=alert(1)&gt;");
        assertRefused(finance.get("/ops/nodes?kind=GPU"), 400, "kind must be one of [COMPUTING, VALIDATOR, ROUTER]");
        assertRefused(finance.get("/ops/nodes?online=maybe"), 400, "online must be online, offline or any, got &#39;maybe&#39;");
        assertRefused(finance.get("/jobs?page=0"), 400, "page must be 1 or more, got 0");
        assertRefused(finance.get("/jobs?page=two"), 400, "page must be a whole number from 1, got &#39;two&#39;");
        assertRefused(finance.get("/jobs?page=99999"), 404, "there is no page 99999 of job executions");
        assertRefused(finance.get("/ops/nodes?page=99999"), 404, "there is no page 99999 of nodes");
        assertRefused(finance.get("/jobs/abc"), 400, "parameter &#39;id&#39; must be a whole number, got &#39;abc&#39;");
        assertRefused(finance.get("/jobs/999999999"), 404, "no job execution 999999999");
        assertThat(finance.get("/ops/nodes?kind=validator&online=offline&page=1").status()).isEqualTo(200);
    }

    private static void assertRefused(ConsoleSession.Page page, int status, String message) {
        assertThat(page.status()).as(page.text()).isEqualTo(status);
        assertThat(page.text()).contains(message).doesNotContain("<img src=x").contains("signed-in-as");
    }

    /** The page a done action redirects to. */
    private static ConsoleSession.Page follow(ConsoleSession session, ConsoleSession.Page answer) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(302);
        URI location = URI.create(answer.location());
        return session.get(location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery()));
    }

    private String stateOf(String schedule) {
        return scheduler.triggers().stream().filter(t -> t.name().equals(schedule)).findFirst()
                .map(TriggerView::state).orElseThrow();
    }

    private static String stateOnPage(String page, String schedule) {
        Matcher state = Pattern.compile("class=\"state state-(\\w+)\"").matcher(row(page, schedule));
        assertThat(state.find()).as("state of " + schedule).isTrue();
        return state.group(1);
    }

    private static String row(String page, String schedule) {
        int start = page.indexOf("id=\"schedule-" + schedule + "\"");
        assertThat(start).as("row of " + schedule).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
