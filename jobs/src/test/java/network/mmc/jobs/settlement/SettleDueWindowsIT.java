package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import network.mmc.jobs.calls.CallRecordLoader;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.jobs.support.TestNode;
import network.mmc.scheduler.ScheduledWork;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.p2p.solanaj.utils.Base58;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A window that cannot be settled (records stored before the credits ceiling existed, whose sum no settlement
 * can count) is reported with its cause, and the windows after it are settled all the same: by the scheduled
 * path and by {@code settle}. On a database of its own, since settling every due window touches all of them;
 * each test's windows are older than the previous test's, so that none was settled empty before it was filled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class SettleDueWindowsIT {

    private static final TestDatabase DB = TestDatabase.get().sibling("settle_due");
    private static final Duration PERIOD = Duration.ofHours(2);

    @Autowired
    ScheduledWork scheduledWork;

    @Autowired
    SettlementService settlement;

    @Autowired
    SettlementRuns runs;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CallRecordLoader loader;

    @Autowired
    Clock clock;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    private SettlementWindow hoursAgo(int hours) {
        return SettlementWindow.containing(clock.instant().minus(Duration.ofHours(hours)), PERIOD);
    }

    /** Two records of Long.MAX_VALUE credits for one node, written as a database from before the ceiling holds them. */
    private String poison(SettlementWindow window) {
        String node = TestNode.aWallet();
        jdbc.update("INSERT INTO node (node_id, public_key, kind, owner_wallet, registered_at) VALUES (?, ?, 'COMPUTING', ?, NOW(6))",
                node, Base58.decode(node), TestNode.aWallet());
        for (int i = 0; i < 2; i++) {
            jdbc.update("INSERT INTO call_record (event_id, node_id, caller_type, status, credits, recorded_at)"
                            + " VALUES (?, ?, 'API_USER', 'SUCCESS', ?, ?)", node + "-" + i, node, Long.MAX_VALUE,
                    UtcTimestamps.of(window.start().plusSeconds(60 + i)));
        }
        return node;
    }

    private static String cause(String node) {
        return "the credits of node " + node + " sum to 18446744073709551614 in this window, more than settlement"
                + " can count (9223372036854775807): the window holds records above mmc.ingest.max-credits";
    }

    @Test
    @Order(1)
    void theScheduledSettlementSettlesTheWindowsAfterOneThatFailsAndFailsNamingIt(CapturedOutput output) {
        SettlementWindow poisoned = hoursAgo(12);
        String node = poison(poisoned);
        SettlementWindow later = hoursAgo(10);
        SettlementFixtures.callsIn(later, jdbc, loader);

        assertThatThrownBy(scheduledWork::settleDueWindows)
                .hasMessageStartingWith("1 window could not be settled: " + poisoned + " — " + poisoned + ": ")
                .hasMessageContaining(cause(node));

        assertThat(runs.latest(later)).as("the window after the failed one").isPresent();
        assertThat(runs.latest(hoursAgo(4))).as("the last due window").isPresent();
        assertThat(runs.latest(poisoned)).isEmpty();
        assertThat(output.getOut() + output.getErr())
                .contains("window " + poisoned + " could not be settled; going on with the next windows.")
                .contains(cause(node));
        DueSettlements again = settlement.settleDue();
        assertThat(again.settled()).isEmpty();
        assertThat(again.failed()).singleElement().satisfies(failure -> {
            assertThat(failure.window()).isEqualTo(poisoned);
            assertThat(failure.cause()).contains(cause(node));
        });
    }

    @Test
    @Order(2)
    void settleGoesOnPastAWindowThatFailsAndExitsNonZeroNamingEveryFailedWindow() throws Exception {
        SettlementWindow poisoned = hoursAgo(20);
        String node = poison(poisoned);
        SettlementWindow later = hoursAgo(18);
        SettlementFixtures.callsIn(later, jdbc, loader);
        SettlementWindow poisonedBefore = hoursAgo(12);

        int exitCode;
        String printed;
        try (ChildHub child = ChildHub.start(DB.datasourceProperties(), "settle")) {
            exitCode = child.awaitExit(300);
            printed = child.output();
        }

        assertThat(exitCode).as(printed).isEqualTo(1);
        assertThat(printed).contains("window " + poisoned + " not settled: settlement of window " + poisoned)
                .contains(cause(node))
                .contains("mmc-hub: 2 windows could not be settled: " + poisoned + ", " + poisonedBefore);
        assertThat(runs.latest(later)).as("the window after the failed one").isPresent();
        assertThat(runs.latest(poisoned)).isEmpty();
    }
}
