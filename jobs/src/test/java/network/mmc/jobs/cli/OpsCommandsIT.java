package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.jobs.calls.CallRecordRow;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.nodes.NodeRegistry;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.RewardReruns;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestNode;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.utils.Base58;
import org.springframework.beans.factory.annotation.Autowired;

/** What {@code rewards show}, {@code apikey} and {@code runs} print, read through picocli's writers. */
class OpsCommandsIT extends HubIntegrationTest {

    private static final Pattern WINDOW_LINE = Pattern.compile("(?m)^(\\d{4}-\\S+Z) +(\\d+) +(-?\\d+\\.\\d{9})$");
    private static final Pattern ENTRY_LINE = Pattern.compile("(?m)^ +r(\\d+) +(ACCRUAL|CORRECTION) +(-?\\d+\\.\\d{9})$");
    private static final Pattern KEY = Pattern.compile("mmc_[0-9a-f]{64}");

    private static final InProcessCommands COMMANDS = new InProcessCommands();

    @Autowired
    NodeRegistry nodes;

    @AfterAll
    static void closeCommands() {
        COMMANDS.close();
    }

    @Test
    void rewardsShowListsEachWindowOnceWithItsCorrectionsUnderItAndTheWindowsSumToSettled() {
        // given
        RewardReruns reruns = RewardReruns.create(jdbc, loader, settlement, runs);

        // when
        InProcessCommands.Output shown = COMMANDS.run("rewards", "show", reruns.wallet());

        // then
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        String out = shown.out();
        BigDecimal settled = mmc(reruns.rerunAmounts().get(4) + reruns.laterAmount());
        assertThat(out).contains("settled       " + settled.toPlainString() + " MMC");
        List<String[]> windows = matches(WINDOW_LINE, out);
        assertThat(windows).extracting(w -> w[0]).containsExactly(reruns.laterWindow().start().toString(),
                reruns.rerunWindow().start().toString());
        assertThat(windows).extracting(w -> w[1]).containsExactly("1", "5");
        assertThat(windows.stream().map(w -> new BigDecimal(w[2])).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualTo(settled);
        List<String[]> entries = matches(ENTRY_LINE, out);
        assertThat(entries).extracting(e -> e[0] + " " + e[1]).containsExactly("1 ACCRUAL", "1 ACCRUAL",
                "2 CORRECTION", "3 CORRECTION", "4 CORRECTION", "5 CORRECTION");
        assertThat(entries.stream().skip(1).map(e -> new BigDecimal(e[2])).reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("the re-run window's entries add up to its amount").isEqualTo(mmc(reruns.rerunAmounts().get(4)));
        assertThat(entries.get(4)[2]).as("revision 4 took the wallet to 0").startsWith("-");
        assertThat(out).containsPattern("total +" + Pattern.quote(settled.toPlainString()) + " += settled");
        assertThat(out).contains(" at r5: ");
    }

    @Test
    void rewardsShowPagesOverWindows() {
        RewardReruns reruns = RewardReruns.create(jdbc, loader, settlement, runs);

        InProcessCommands.Output older = COMMANDS.run("rewards", "show", reruns.wallet(), "--size", "1", "--page", "1");

        assertThat(older.exitCode()).as(older.err()).isZero();
        assertThat(matches(WINDOW_LINE, older.out())).extracting(w -> w[0])
                .containsExactly(reruns.rerunWindow().start().toString());
        assertThat(older.out()).contains("windows 2 to 2 of 2, newest first");
    }

    @Test
    void apikeyCreateListAndRevoke() {
        // when
        InProcessCommands.Output created = COMMANDS.run("apikey", "create", "--role", "OPS", "--label", "night shift");

        // then: stdout is the key alone, stderr says what it is
        assertThat(created.exitCode()).as(created.err()).isZero();
        String key = created.out().strip();
        assertThat(key).matches(KEY);
        Matcher id = Pattern.compile("API key (\\d+), role OPS, label 'night shift': this is the only time the key is shown")
                .matcher(created.err());
        assertThat(id.find()).as(created.err()).isTrue();
        assertThat(created.err()).doesNotContain(key);
        assertThat(hub().withKey(key).get("/api/schedule").status()).isEqualTo(200);

        InProcessCommands.Output listed = COMMANDS.run("apikey", "list");
        assertThat(listed.out()).contains("ID ROLE").doesNotContain(key)
                .containsPattern("(?m)^ *" + id.group(1) + " OPS +\\S+ +\\S+Z +- +night shift$");

        InProcessCommands.Output revoked = COMMANDS.run("apikey", "revoke", id.group(1));
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        assertThat(revoked.out()).startsWith("API key " + id.group(1) + " (role OPS, label 'night shift') revoked at ");
        assertThat(hub().withKey(key).get("/api/schedule").status()).as("a revoked key, at once").isEqualTo(401);
        assertThat(COMMANDS.run("apikey", "list").out())
                .containsPattern("(?m)^ *" + id.group(1) + " OPS +\\S+ +\\S+Z +\\S+Z +night shift$");

        InProcessCommands.Output again = COMMANDS.run("apikey", "revoke", id.group(1));
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("API key " + id.group(1) + " was already revoked at");
        assertThat(COMMANDS.run("apikey", "revoke", "999999999").err()).contains("API key 999999999 does not exist");
    }

    @Test
    void apikeyCreateRefusesALabelThatWouldBreakTheList() {
        InProcessCommands.Output refused = COMMANDS.run("apikey", "create", "--role", "FINANCE", "--label", "a\nb");

        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.out()).isEmpty();
        assertThat(refused.err()).contains("label must not contain control characters");
    }

    @Test
    void runsShowSaysWhyANodeGotNothingAndWhichNodeWasCapped() {
        // given: the fixture's six nodes (one without an owner) and five more, each with its own reason
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        String owner = TestNode.aWallet();
        String suspended = registered(owner);
        jdbc.update("UPDATE node SET suspended = TRUE WHERE node_id = ?", suspended);
        String allFailed = registered(owner);
        String selfDealer = registered(owner);
        String whale = registered(owner);
        String unregistered = TestNode.aWallet();
        List<CallRecordRow> rows = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            Instant at = window.start().plusSeconds(3000 + c);
            rows.add(call(window, suspended, c, CallStatus.SUCCESS, "user", 500, at));
            rows.add(call(window, allFailed, c, CallStatus.FAILED, "user", 500, at));
            rows.add(call(window, selfDealer, c, CallStatus.SUCCESS, owner, 500, at));
            rows.add(call(window, whale, c, CallStatus.SUCCESS, "user", 1_000_000_000L, at));
            rows.add(call(window, unregistered, c, CallStatus.SUCCESS, "user", 500, at));
        }
        rows.sort(Comparator.comparing(CallRecordRow::recordedAt));
        loader.load(rows);
        settlement.settle(window);

        // when
        InProcessCommands.Output shown = COMMANDS.run("runs", "show", window.start().toString());

        // then
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("NOTE")
                .containsPattern(line(suspended, "not eligible: suspended"))
                .containsPattern(line(allFailed, "no successful calls"))
                .containsPattern(line(selfDealer, "no credits: every credited call was self-dealt"))
                .containsPattern(line(unregistered, "not eligible: no owner wallet at window end \\(or not registered\\)"))
                .containsPattern(line(whale, "usage capped at [\\d,.]+ credits"));
        String noOwner = jdbc.queryForObject("SELECT node_id FROM node WHERE owner_wallet IS NULL AND node_id IN"
                        + " (SELECT node_id FROM call_record WHERE recorded_at >= ? AND recorded_at < ?)", String.class,
                UtcTimestamps.of(window.start()), UtcTimestamps.of(window.end()));
        assertThat(shown.out()).containsPattern(line(noOwner, "not eligible: no owner wallet at window end \\(or not registered\\)"));
    }

    @Test
    void importCallsNamesItsPolicyAndABackfillIntoASettledWindowIsRefusedUnlessReRunsAreAskedFor(@TempDir Path dir)
            throws Exception {
        // given: a settled window six days back, within mmc.ingest.max-age
        SettlementWindow window = SettlementWindow.containing(Instant.now().minus(Duration.ofDays(6)), Duration.ofHours(2));
        SettlementFixtures.callsIn(window, jdbc, loader);
        settlement.settle(window);
        String node = jdbc.queryForObject("SELECT node_id FROM call_record WHERE event_id LIKE ? LIMIT 1", String.class,
                window.start() + "-%");
        String p = UUID.randomUUID().toString();
        Path backfill = dir.resolve("backfill.csv");
        Files.writeString(backfill, "event_id,node_id,caller_type,caller_id,caller_wallet,task_type,status,credits,"
                + "latency_ms,called_at\n"
                + p + "-1," + node + ",API_USER,u,,gemm,SUCCESS,300,9," + window.start().plusSeconds(10) + "\n"
                + p + "-2," + node + ",API_USER,u,,gemm,SUCCESS,300,9," + window.start().plusSeconds(20) + "\n");
        Instant threeHoursAgo = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        Path late = dir.resolve("late.csv");
        Files.writeString(late, "event_id,node_id,caller_type,caller_id,caller_wallet,task_type,status,credits,"
                + "latency_ms,called_at\n" + p + "-late," + node + ",HUB,hub,,round,SUCCESS,200,," + threeHoursAgo + "\n");

        // when
        InProcessCommands.Output received = COMMANDS.run("import-calls", late.toString());
        InProcessCommands.Output refused = COMMANDS.run("import-calls", "--backfill", backfill.toString());
        InProcessCommands.Output misused = COMMANDS.run("import-calls", "--rerun", backfill.toString());
        InProcessCommands.Output reran = COMMANDS.run("import-calls", "--backfill", backfill.toString(), "--rerun",
                "--reason", "node calls imported late", "--operator", "ops-bo");
        InProcessCommands.Output shown = COMMANDS.run("runs", "show", window.start().toString());

        // then
        assertThat(received.exitCode()).as(received.err()).isZero();
        assertThat(received.out()).contains("policy receipt-time: each record counts in the window that received it;"
                + " records made in another window: 1").containsPattern("(?m)^  "
                + SettlementWindow.containing(threeHoursAgo, Duration.ofHours(2)).start() + " +1$");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("nothing was stored: the backfill would change windows already settled: "
                + window.start() + " (revision 1, 2 new records)");
        assertThat(misused.exitCode()).isEqualTo(2);
        assertThat(misused.err()).contains("--rerun only applies to --backfill");
        assertThat(reran.exitCode()).as(reran.err()).isZero();
        assertThat(reran.out()).contains("read 2 rows: 2 stored", "policy backfill: each record counts in the window"
                + " of its called_at; records by window: 2", "settled windows re-run with the backfilled records:")
                .containsPattern("(?m)^" + window.start() + " +2 +COMPLETED .*node calls imported late \\(ops-bo\\)$");
        assertThat(shown.out()).containsPattern("CALLS +LATE +INPUT SHA-256")
                .containsPattern("(?m)^" + window.start() + " +2 +COMPLETED( +\\S+){4} +0 ");
    }

    @Test
    void runsListSaysWhenNoRunIsInTheRange() {
        InProcessCommands.Output listed = COMMANDS.run("runs", "list", "--from", "1990-01-01T00:00:00Z", "--to",
                "1990-01-02T00:00:00Z");

        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out().strip()).isEqualTo(
                "no settlement run has a window starting from 1990-01-01T00:00:00Z to 1990-01-02T00:00:00Z (exclusive)");
    }

    @Test
    void stakeHistoryListsEveryChangeWithWhenFromToWhoAndWhy() {
        String node = registered(TestNode.aWallet());
        nodes.setStake(node, 5_000_000_000_000L, "alice", "staked on chain");
        nodes.setStake(node, 1_500_000_000L, "bob", "slashed: wrong results");

        InProcessCommands.Output history = COMMANDS.run("stake", "history", node);

        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out().lines().toList()).hasSize(3);
        assertThat(history.out()).containsPattern("(?m)^\\S+Z +0\\.000000000 +5000\\.000000000 +alice +staked on chain$")
                .containsPattern("(?m)^\\S+Z +5000\\.000000000 +1\\.500000000 +bob +slashed: wrong results$");
    }

    @Test
    void stakeHistoryOfANodeNeverStakedSaysSo() {
        String node = registered(TestNode.aWallet());

        InProcessCommands.Output history = COMMANDS.run("stake", "history", node);

        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out().strip())
                .isEqualTo("node " + node + ": no stake change recorded; its stake is 0.000000000 MMC");
    }

    @Test
    void stakeSetTakesMmcAndSaysTheNewStakeInMmc() {
        String node = registered(TestNode.aWallet());

        InProcessCommands.Output set = COMMANDS.run("stake", "set", node, "20000.5", "--operator", "ops", "--reason",
                "bond posted");
        InProcessCommands.Output inBaseUnits = COMMANDS.run("stake", "set", node, "7", "--base-units", "--operator",
                "ops", "--reason", "test");

        assertThat(set.exitCode()).as(set.err()).isZero();
        assertThat(set.out()).isEqualTo("node " + node + " stake is now 20000.500000000 MMC" + System.lineSeparator());
        assertThat(inBaseUnits.out()).isEqualTo("node " + node + " stake is now 0.000000007 MMC" + System.lineSeparator());
        assertThat(jdbc.queryForObject("SELECT stake FROM node WHERE node_id = ?", Long.class, node)).isEqualTo(7L);
    }

    private String registered(String owner) {
        String node = TestNode.aWallet();
        jdbc.update("INSERT INTO node (node_id, public_key, kind, owner_wallet, stake, registered_at)"
                + " VALUES (?, ?, 'COMPUTING', ?, 0, NOW(6))", node, Base58.decode(node), owner);
        return node;
    }

    private static CallRecordRow call(SettlementWindow window, String node, int c, CallStatus status, String callerWallet,
                                      long credits, Instant at) {
        return new CallRecordRow(window.start() + "-" + node + "-extra-" + c, node, CallerType.API_USER, "u",
                callerWallet.equals("user") ? "user-" + c : callerWallet, "gemm", status, credits, 50, null, at);
    }

    /** The node's table line ending in its note. */
    private static String line(String node, String note) {
        return "(?m)^" + node + " .*  " + note + "$";
    }

    private static List<String[]> matches(Pattern pattern, String text) {
        List<String[]> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            String[] groups = new String[matcher.groupCount()];
            for (int g = 0; g < groups.length; g++) {
                groups[g] = matcher.group(g + 1);
            }
            found.add(groups);
        }
        return found;
    }

    private static BigDecimal mmc(long baseUnits) {
        return BigDecimal.valueOf(baseUnits, 9);
    }
}
