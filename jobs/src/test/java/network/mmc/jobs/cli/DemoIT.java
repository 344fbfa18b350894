package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mmc.jobs.simulation.LoopbackAgents;
import network.mmc.jobs.support.ChildHub;
import network.mmc.jobs.support.TestDatabase;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo run twice with the same seed in one 2-hour window: the second run stores nothing (no node, call record,
 * heartbeat, probe round, withdrawal or distribution) and says so. On a database of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DemoIT {

    private static final TestDatabase DB = TestDatabase.get().sibling("demo");
    private static final List<String> TABLES = List.of("node", "node_heartbeat", "call_record", "settlement_run",
            "ledger_entry", "probe_round", "probe_result", "withdrawal_request", "distribution");

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Clock clock;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        DB.register(registry);
    }

    @Test
    void aReRunWithTheSameSeedInTheSameWindowStoresNothingNewAndSaysSo(@TempDir Path dir) throws Exception {
        // given: a first run
        List<String> properties = new ArrayList<>(DB.datasourceProperties());
        properties.addAll(List.of("mmc.home=..", "mmc.rewards.rpc-url=http://127.0.0.1:" + LoopbackAgents.unusedPort(),
                "mmc.rewards.authority-keypair=" + dir.resolve("authority-keypair.json")));
        SettlementWindow window = SettlementWindow.containing(clock.instant(), Duration.ofHours(2));
        String first = demo(properties);
        Map<String, Long> afterFirst = rows();

        // when
        String second = demo(properties);

        // then
        assumeTrue(window.equals(SettlementWindow.containing(clock.instant(), Duration.ofHours(2))),
                "both runs fell in one 2-hour window");
        assertThat(first).contains("nodes: 12 new, 0 already registered").contains(" withdraws ")
                .contains("distribution v1 CONFIRMED");
        assertThat(rows()).as("rows after the second run").isEqualTo(afterFirst);
        assertThat(afterFirst.get("withdrawal_request")).isEqualTo(3);
        assertThat(second).contains("nodes: 0 new, 12 already registered")
                .containsPattern("call records from \\S+ to \\S+: 0 stored, [1-9][\\d,]* already stored")
                .contains("of this 2-hour window ran in an earlier demo: its stored results, no agent started")
                .contains("withdrew in an earlier demo")
                .contains("nothing new to publish: no withdrawal is waiting")
                .doesNotContain(" withdraws ").doesNotContain("skipped:");
        for (int i = 0; i < 5; i++) {
            assertThat(second).as("agent %d's results, under its node id", i).contains(LoopbackAgents.nodeId(3, i));
        }
    }

    private static String demo(List<String> properties) throws InterruptedException {
        try (ChildHub demo = ChildHub.start(properties, "demo", "--nodes", "12", "--hours", "4", "--seed", "3")) {
            int exitCode = demo.awaitExit(600);
            assertThat(exitCode).as(demo.output()).isZero();
            return demo.stdout();
        }
    }

    private Map<String, Long> rows() {
        Map<String, Long> rows = new LinkedHashMap<>();
        TABLES.forEach(table -> rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class)));
        return rows;
    }
}
