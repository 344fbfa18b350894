package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.support.TestNode;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.utils.Base58;

/**
 * Records received at the same moment are stored in any order (concurrent requests, task units recorded by several
 * workers): a record received a little later may have the smaller id. At either end of a window with nothing
 * recorded beyond it, every such record still counts.
 */
class ConcurrentlyRecordedCallsIT extends SettlementIntegrationTest {

    @Test
    void recordsStoredOutOfReceiptOrderAtBothEndsOfAWindowAllCount() {
        SettlementWindow window = SettlementWindow.containing(Instant.parse("2026-03-15T10:00:00Z"), Duration.ofHours(2));
        String node = TestNode.aWallet();
        jdbc.update("INSERT INTO node (node_id, public_key, kind, registered_at) VALUES (?, ?, 'COMPUTING', NOW(6))",
                node, Base58.decode(node));
        // stored first, received second: at the start the later record has the smaller id, at the end the earlier
        record(node, "start-later", window.start().plusSeconds(2));
        record(node, "start-earlier", window.start().plusSeconds(1));
        record(node, "middle", window.start().plus(Duration.ofHours(1)));
        record(node, "end-later", window.end().minusSeconds(1));
        record(node, "end-earlier", window.end().minusSeconds(2));

        SettlementRun run = settlement.settle(window);

        assertThat(run.callCount()).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT ns.credits FROM node_settlement ns JOIN settlement_run r ON r.id = ns.run_id"
                + " WHERE r.window_start = ? AND ns.node_id = ?", Long.class, UtcTimestamps.of(window.start()), node))
                .isEqualTo(5 * 100L);
    }

    private void record(String node, String name, Instant recordedAt) {
        jdbc.update("INSERT INTO call_record (event_id, node_id, caller_type, caller_id, task_type, status, credits,"
                + " called_at, recorded_at) VALUES (?, ?, 'API_USER', 'u', 'gemm', 'SUCCESS', 100, ?, ?)",
                "concurrent-" + node + "-" + name, node, UtcTimestamps.of(recordedAt), UtcTimestamps.of(recordedAt));
    }
}
