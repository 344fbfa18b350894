package network.mmc.jobs.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.cli.InProcessCommands;
import network.mmc.jobs.scheduling.SchedulerControl;
import network.mmc.jobs.support.ConsoleSession;
import network.mmc.jobs.support.HubIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/** Signing in to the console, what each role may do, and what the API still demands. Over HTTP, no browser. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleSignInIT extends HubIntegrationTest {

    private static final String PASSWORD = "correct horse battery";
    private static final InProcessCommands COMMANDS = new InProcessCommands();

    @Autowired
    ConsoleUsers users;

    @Autowired
    SchedulerControl scheduler;

    @BeforeAll
    void createUsers() {
        users.create("signin-ops", Role.OPS, PASSWORD.toCharArray());
        users.create("signin-finance", Role.FINANCE, PASSWORD.toCharArray());
    }

    @AfterAll
    void closeCommands() {
        COMMANDS.close();
    }

    private ConsoleSession signedIn(String username) {
        ConsoleSession session = new ConsoleSession(port);
        ConsoleSession.Page answer = session.signIn(username, PASSWORD);
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).endsWith("/");
        return session;
    }

    @Test
    void anonymousVisitorsAreSentToTheSignInForm() {
        ConsoleSession.Page page = new ConsoleSession(port).get("/runs");
        assertThat(page.status()).isEqualTo(302);
        assertThat(page.location()).endsWith("/login");
    }

    @Test
    void eachRoleSignsInAndSeesTheOverview() {
        for (String username : new String[] {"signin-ops", "signin-finance"}) {
            ConsoleSession.Page overview = signedIn(username).get("/");
            assertThat(overview.status()).isEqualTo(200);
            assertThat(overview.text()).contains("<h1>Overview", username, "Next fires", "Online nodes");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM console_user"
                + " WHERE username IN ('signin-ops', 'signin-finance') AND last_sign_in_at IS NOT NULL",
                Integer.class)).isEqualTo(2);
    }

    @Test
    void theOverviewListsTheFailedOnesAmongTheNewestExecutions() {
        List<Long> failed = jdbc.queryForList("SELECT JOB_EXECUTION_ID FROM (SELECT JOB_EXECUTION_ID, STATUS"
                + " FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID DESC LIMIT 200) newest WHERE STATUS = 'FAILED'"
                + " ORDER BY JOB_EXECUTION_ID DESC LIMIT 5", Long.class);
        String overview = signedIn("signin-finance").get("/").text();
        if (failed.isEmpty()) {
            assertThat(overview).contains("None of the recent job executions failed.");
        } else {
            assertThat(Pattern.compile("href=\"/jobs/(\\d+)\"").matcher(overview).results()
                    .map(link -> Long.valueOf(link.group(1))).toList()).isEqualTo(failed);
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithoutSayingWhichPartWasWrong() {
        ConsoleSession session = new ConsoleSession(port);
        ConsoleSession.Page answer = session.signIn("signin-finance", "not the password");
        assertThat(answer.location()).endsWith("/login?error");
        assertThat(session.get("/login?error").text()).contains("Sign-in failed: wrong name or password");
        assertThat(new ConsoleSession(port).signIn("nobody-here", PASSWORD).location()).endsWith("/login?error");
        assertThat(session.get("/").status()).isEqualTo(302);
    }

    @Test
    void repeatedFailuresLockTheAccountEvenAgainstTheRightPassword() {
        users.create("signin-locked", Role.OPS, PASSWORD.toCharArray());
        for (int i = 0; i < ConsoleUsers.MAX_FAILED_SIGN_INS; i++) {
            assertThat(new ConsoleSession(port).signIn("signin-locked", "guess " + i).location()).endsWith("?error");
        }
        assertThat(new ConsoleSession(port).signIn("signin-locked", PASSWORD).location()).endsWith("/login?error");
        assertThat(jdbc.queryForObject("SELECT locked_until > UTC_TIMESTAMP(6) FROM console_user"
                + " WHERE username = 'signin-locked'", Boolean.class)).isTrue();

        assertThat(COMMANDS.run("user", "list").out()).containsPattern("signin-locked +OPS .* \\d{4}-\\d\\d-\\d\\dT");
    }

    @Test
    void financeCannotUseOpsActionsEvenWithAValidForm() {
        ConsoleSession finance = signedIn("signin-finance");
        finance.get("/");
        for (String action : new String[] {"/schedules/settlement/pause", "/schedules/settlement/trigger",
                "/jobs/1/stop", "/jobs/1/restart", "/runs/2026-11-25T10:00:00Z/reruns"}) {
            ConsoleSession.Page refused = finance.postForm(action, Map.of("reason", "finance tries"));
            assertThat(refused.status()).as(action).isEqualTo(403);
            assertThat(refused.text()).as(action).contains("Not allowed");
        }
        assertThat(finance.get("/runs/2026-11-25T10:00:00Z/rerun").status()).isEqualTo(403);
    }

    @Test
    void aFormWithoutItsCsrfTokenOrWithItInTheAddressIsRefusedAsExpired() {
        ConsoleSession ops = signedIn("signin-ops");
        ops.get("/schedules");
        ConsoleSession.Page withoutToken = ops.postFormWithoutToken("/schedules/settlement/pause", Map.of());
        assertThat(withoutToken.status()).isEqualTo(403);
        assertThat(withoutToken.text()).contains("This form has expired").doesNotContain("Not allowed");
        ConsoleSession.Page tokenInQuery = ops.postFormWithoutToken("/schedules/settlement/pause?_csrf="
                + ops.csrfToken(), Map.of());
        assertThat(tokenInQuery.status()).isEqualTo(403);
        assertThat(scheduler.triggers()).noneMatch(trigger -> trigger.state().equals("PAUSED"));
    }

    @Test
    void consolePagesForbidFramingAndScriptsFromElsewhere() {
        ConsoleSession.Download page = signedIn("signin-finance").download("/");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "form-action 'self'")
                .doesNotContain("script-src 'self' 'unsafe-inline'"));
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value)
                .contains("no-store"));
    }

    @Test
    void aNewPasswordOrADisabledAccountEndsTheSessionsSignedInBefore() {
        users.create("signin-ended", Role.OPS, PASSWORD.toCharArray());
        ConsoleSession before = signedIn("signin-ended");
        assertThat(before.get("/").status()).isEqualTo(200);

        users.changePassword("signin-ended", "a new password here".toCharArray());
        ConsoleSession.Page ended = before.get("/");
        assertThat(ended.status()).isEqualTo(302);
        assertThat(ended.location()).endsWith("/login?ended");
        assertThat(before.get("/").location()).endsWith("/login");

        ConsoleSession after = new ConsoleSession(port);
        assertThat(after.signIn("signin-ended", "a new password here").location()).endsWith("/");
        assertThat(after.get("/").status()).isEqualTo(200);
        users.disable("signin-ended");
        assertThat(after.get("/").location()).endsWith("/login?ended");
    }

    @Test
    void simultaneousGuessesCannotGetPastTheLimit() throws Exception {
        users.create("signin-burst", Role.FINANCE, PASSWORD.toCharArray());
        List<Callable<String>> guesses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String guess = "wrong guess " + i;
            guesses.add(() -> new ConsoleSession(port).signIn("signin-burst", guess).location());
        }
        ExecutorService threads = Executors.newFixedThreadPool(guesses.size());
        try {
            for (Future<String> answer : threads.invokeAll(guesses)) {
                assertThat(answer.get()).endsWith("/login?error");
            }
        } finally {
            threads.shutdown();
        }
        assertThat(jdbc.queryForObject("SELECT failed_sign_ins FROM console_user WHERE username = 'signin-burst'",
                Integer.class)).isEqualTo(ConsoleUsers.MAX_FAILED_SIGN_INS);
        assertThat(new ConsoleSession(port).signIn("signin-burst", PASSWORD).location()).endsWith("/login?error");
    }

    @Test
    void theApiIgnoresTheConsoleSessionAndStillWantsAnApiKey() {
        ConsoleSession ops = signedIn("signin-ops");
        ConsoleSession.Page api = ops.get("/api/schedule");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.text()).contains("a valid API key is required");
        assertThat(hub().get("/api/schedule").status()).isEqualTo(401);
    }

    @Test
    void userCreateReadsThePasswordFromStdinAndChecksIt() {
        assertThat(createWithStdin("signin-cli", "FINANCE", PASSWORD + "\n").exitCode()).isZero();
        assertThat(new ConsoleSession(port).signIn("signin-cli", PASSWORD).location()).endsWith("/");

        InProcessCommands.Output tooShort = createWithStdin("signin-short", "OPS", "short\n");
        assertThat(tooShort.exitCode()).isNotZero();
        assertThat(tooShort.err()).contains("at least 12 characters");
        InProcessCommands.Output taken = createWithStdin("signin-cli", "OPS", PASSWORD + "\n");
        assertThat(taken.err()).contains("console user 'signin-cli' already exists");
        assertThat(createWithStdin("signin-ingest", "INGEST", PASSWORD + "\n").err())
                .contains("role INGEST cannot sign in to the console");
        assertThat(COMMANDS.run("user", "create", "signin-arg", "--role", "OPS", "--password", PASSWORD).exitCode())
                .isEqualTo(2);
    }

    @Test
    void aDisabledUserCannotSignIn() {
        users.create("signin-disabled", Role.FINANCE, PASSWORD.toCharArray());
        assertThat(COMMANDS.run("user", "disable", "signin-disabled").out()).contains("disabled at");
        assertThat(new ConsoleSession(port).signIn("signin-disabled", PASSWORD).location()).endsWith("/login?error");
        assertThatThrownBy(() -> users.disable("signin-disabled")).hasMessageContaining("already disabled");
    }

    private static InProcessCommands.Output createWithStdin(String username, String role, String stdin) {
        InputStream original = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return COMMANDS.run("user", "create", username, "--role", role);
        } finally {
            System.setIn(original);
        }
    }
}
