package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.mail.MimeParts;
import network.mmc.jobs.settlement.RunFileNames;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.simulation.SimulatedOwners;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.ConsoleSession;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.TimeText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo run twice with the same seed in one 2-hour window. The first writes the reports and mails what it did;
 * the second, with {@code --serve}, stores nothing (no node, call record, heartbeat, probe round, withdrawal,
 * distribution, subscription or mail), says so, and serves. On a database of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DemoIT {

    private static final TestDatabase DB = TestDatabase.get().sibling("demo");
    private static final List<String> TABLES = List.of("node", "node_heartbeat", "call_record", "settlement_run",
            "ledger_entry", "probe_round", "probe_result", "withdrawal_request", "distribution", "mail_subscription",
            "mail_outbox", "claim", "api_user", "credit_entry", "task", "task_unit");
    private static final long SEED = 3;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @Autowired
    SettlementRuns runs;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    @Test
    void theDemoReportsAndMailsWhatItDidAndARerunInTheSameWindowStoresNothingNewAndServes(@TempDir Path dir)
            throws Exception {
        // given: a first run
        List<String> properties = new ArrayList<>(DB.datasourceProperties());
        properties.addAll(List.of("mmc.home=..", "mmc.rewards.rpc-url=http://127.0.0.1:" + LoopbackAgents.unusedPort(),
                "mmc.rewards.authority-keypair=" + dir.resolve("authority-keypair.json")));
        SettlementWindow window = SettlementWindow.containing(clock.instant(), Duration.ofHours(2));
        Path out = dir.resolve("demo");
        String first;
        try (ChildHub demo = demo(properties, "--out", out.toString())) {
            assertThat(demo.awaitExit(600)).as(demo.output()).isZero();
            first = demo.stdout();
        }
        Map<String, Long> afterFirst = rows();

        // when
        int port = LoopbackAgents.unusedPort();
        String second;
        try (ChildHub demo = demo(properties, "--out", dir.resolve("again").toString(), "--serve",
                "--server.port=" + port)) {
            assertThat(demo.awaitLine("MMC Hub serving at http://localhost:" + port, 600)).as(demo.output()).isTrue();
            second = demo.stdout();
            assertThat(rows()).as("rows after the second run").isEqualTo(afterFirst);
            assertThat(HubClient.onPort(port).get("/actuator/health").status()).isEqualTo(200);
            Matcher login = Pattern.compile("demo-ops / (\\S+) {2}\\(OPS\\)").matcher(second);
            assertThat(login.find()).as(second).isTrue();
            ConsoleSession console = new ConsoleSession(port);
            assertThat(console.signIn("demo-ops", login.group(1)).location()).endsWith("/");
            assertThat(console.get("/").text()).contains("<h1>Overview", "demo-ops");
        }

        // then
        assumeTrue(window.equals(SettlementWindow.containing(clock.instant(), Duration.ofHours(2))),
                "both runs fell in one 2-hour window");
        assertThat(first).contains("nodes: 12 new, 0 already registered").contains(" withdraws ")
                .contains("distribution v1 CONFIRMED");
        assertThat(afterFirst.get("withdrawal_request")).isEqualTo(3);
        Matcher paid = Pattern.compile("claim #\\d+ of v1 CONFIRMED: (\\S+) MMC in transaction \\w+\\n"
                + " +holds (\\S+) MMC on the peer").matcher(first);
        int claims = 0;
        while (paid.find()) {
            assertThat(paid.group(2)).as("token balance after the claim of %s", paid.group(1)).isEqualTo(paid.group(1));
            claims++;
        }
        assertThat(claims).as(first).isEqualTo(3);
        assertThat(second).contains("claim refused: this claim message was accepted before");
        assertThat(second).contains("nodes: 0 new, 12 already registered")
                .containsPattern("call records from \\S+ to \\S+: 0 stored, [1-9][\\d,]* already stored")
                .contains("of this 2-hour window ran in an earlier demo: its stored results, no agent started")
                .contains("withdrew in an earlier demo")
                .contains("nothing new to publish: no withdrawal is waiting")
                .contains("subscribed " + DemoMail.OPERATOR + " to its DAILY digest in an earlier demo")
                .contains("none: this demo settled no new window and subscribed no one")
                .doesNotContain(" withdraws ").doesNotContain("skipped:");
        for (int i = 0; i < 5; i++) {
            assertThat(second).as("agent %d's results, under its node id", i).contains(LoopbackAgents.nodeId(SEED, i));
        }
        assertThat(second).contains("API user " + DemoTasks.userName(SEED) + " (wallet ")
                .contains("from an earlier demo: ").contains("no new grant")
                .contains("the tasks of this 2-hour window ran in an earlier demo: their stored results, no agent started");
        theAiTasksRanOverTheAgentsCaughtTheCheatAndWereCharged(first);
        theReportsOfTheLatestRunAndOfTheDemosDaysAreWritten(out.resolve("reports"), first);
        theMailsAreSavedWithTheFiguresOfTheRunsAndListed(out.resolve("mail"), first);
    }

    private void theAiTasksRanOverTheAgentsCaughtTheCheatAndWereCharged(String printed) {
        String cheater = LoopbackAgents.nodeId(SEED, 2);
        assertThat(printed).contains("API user " + DemoTasks.userName(SEED) + " created (wallet "
                        + SimulatedOwners.apiUserWallet(SEED) + "), granted 1,000,000 credits")
                .containsPattern("MLP inference \\(16-64-64-4, 1024 rows\\): task \\w+ DONE, 8 of 8 units done, 0 failed")
                .containsPattern("TRAINING \\(Iris.*\\): task \\w+ DONE, 300 of 300 units done, 0 failed")
                .contains("outputs equal a single-machine computation in this process, within the stated FP32 tolerance")
                .containsPattern("single-machine run in this process: \\d+ of 30, hash \\w+: bit-identical")
                .containsPattern("this window is still open: its call totals so far hold them|settled: run #");
        assertThat(printed.split("cheat caught: " + cheater, -1)).as("the cheat caught in both tasks").hasSize(3);
        long charged = jdbc.queryForObject("SELECT COALESCE(SUM(credits), 0) FROM call_record WHERE caller_type ="
                + " 'API_USER' AND caller_id = ? AND status = 'SUCCESS'", Long.class, DemoTasks.userName(SEED));
        assertThat(charged).isPositive();
        assertThat(jdbc.queryForObject("SELECT balance FROM api_user WHERE name = ?", Long.class,
                DemoTasks.userName(SEED))).isEqualTo(DemoTasks.GRANT - charged);
        assertThat(printed).contains(String.format("balance %,d → %,d", DemoTasks.GRANT, DemoTasks.GRANT - charged));
        assertThat(jdbc.queryForList("SELECT status FROM call_record WHERE caller_type = 'API_USER' AND node_id = ?",
                String.class, cheater)).containsOnly("WRONG_RESULT").hasSize(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE caller_type = 'API_USER' AND caller_wallet"
                + " = ?", Integer.class, SimulatedOwners.apiUserWallet(SEED))).isGreaterThanOrEqualTo(308);
    }

    private void theReportsOfTheLatestRunAndOfTheDemosDaysAreWritten(Path reports, String printed) throws Exception {
        SettlementRun latest = runs.list(Instant.EPOCH, clock.instant()).stream()
                .max((a, b) -> a.windowStart().compareTo(b.windowStart())).orElseThrow();
        String base = RunFileNames.of(latest, "settlement", "");
        List<String> expected = new ArrayList<>(List.of(base + ".html", base + "-nodes.csv", base + "-wallets.csv",
                "period.html", "period-windows.csv", "period-wallets.csv", "period-nodes.csv",
                "period-reconciliation.csv"));
        for (String chart : List.of("rewards", "lorenz", "credits", "probes", "emission")) {
            expected.add(base + "-" + chart + ".png");
            expected.add(base + "-" + chart + ".svg");
        }
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(expected);
        }
        for (String file : expected) {
            assertThat(Files.size(reports.resolve(file))).as(file).isPositive();
            assertThat(printed).as("where %s is", file).contains("  " + reports.resolve(file));
        }
        assertThat(Files.readString(reports.resolve(base + ".html"))).contains(MmcText.format(latest.allocated()));
        assertThat(printed).contains("balances to the base unit");
    }

    private void theMailsAreSavedWithTheFiguresOfTheRunsAndListed(Path mail, String printed) throws Exception {
        List<Path> files;
        try (Stream<Path> listed = Files.list(mail)) {
            files = listed.sorted().toList();
        }
        Map<String, List<MimeMessage>> byRecipient = new LinkedHashMap<>();
        for (Path file : files) {
            assertThat(file.getFileName().toString()).endsWith(".eml");
            assertThat(printed).contains("    saved as " + file);
            MimeMessage message;
            try (InputStream in = Files.newInputStream(file)) {
                message = new MimeMessage(Session.getInstance(new Properties()), in);
            }
            byRecipient.computeIfAbsent(message.getAllRecipients()[0].toString(), r -> new ArrayList<>()).add(message);
            assertThat(printed).contains("  to " + message.getAllRecipients()[0] + ": " + message.getSubject());
        }
        List<SettlementRun> settled = runs.list(Instant.EPOCH, clock.instant());
        List<MimeMessage> summaries = byRecipient.get(DemoMail.OPS).stream()
                .filter(m -> subject(m).contains("] settlement COMPLETED for window ")).toList();
        assertThat(summaries).as("a summary of each run").hasSize(settled.size());
        for (SettlementRun run : settled) {
            MimeMessage summary = summaries.stream()
                    .filter(m -> subject(m).contains("window " + TimeText.format(run.windowStart()))).findFirst()
                    .orElseThrow();
            assertThat(text(summary)).contains("Calls: " + run.callCount(), "Pool (MMC): " + MmcText.format(run.pool()),
                    "Allocated (MMC): " + MmcText.format(run.allocated()));
        }
        // a DAILY digest of each UTC day whose windows are all settled: those whose last window is
        List<Instant> days = settled.stream().map(SettlementRun::windowStart)
                .filter(start -> start.plus(Duration.ofHours(2)).equals(start.truncatedTo(ChronoUnit.DAYS)
                        .plus(Duration.ofDays(1)))).map(start -> start.truncatedTo(ChronoUnit.DAYS)).toList();
        assertThat(days).as("26 hours of traffic hold a whole UTC day, from the first call").isNotEmpty();
        List<MimeMessage> operator = byRecipient.get(DemoMail.OPERATOR);
        assertThat(operator).extracting(DemoIT::subject).hasSize(1 + days.size())
                .anySatisfy(s -> assertThat(s).contains("confirm your MMC reward digest"));
        for (Instant day : days) {
            long dayRewards = jdbc.queryForObject("SELECT SUM(n.reward) FROM node_settlement n JOIN settlement_run r"
                    + " ON r.id = n.run_id WHERE n.owner_wallet = ? AND r.window_start >= ? AND r.window_start < ?",
                    Long.class, SimulatedOwners.firstNodeOwner(SEED), UtcTimestamps.of(day),
                    UtcTimestamps.of(day.plus(Duration.ofDays(1))));
            String period = TimeText.format(day) + " to " + TimeText.format(day.plus(Duration.ofDays(1)));
            MimeMessage digest = operator.stream().filter(m -> subject(m).contains("your MMC rewards " + period))
                    .findFirst().orElseThrow();
            assertThat(subject(digest)).endsWith(": " + MmcText.format(dayRewards) + " MMC");
            assertThat(text(digest)).contains("Rewards in this period (MMC): " + MmcText.format(dayRewards));
        }
    }

    private static ChildHub demo(List<String> properties, String... options) {
        List<String> arguments = new ArrayList<>(List.of("demo", "--nodes", "12", "--hours", "26", "--seed",
                Long.toString(SEED)));
        arguments.addAll(List.of(options));
        return ChildHub.start(properties, arguments.toArray(String[]::new));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(MimeMessage message) throws Exception {
        return MimeParts.text(message, "text/plain").orElseThrow();
    }

    private Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        TABLES.forEach(table -> rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)));
        return rows;
    }
}
