package network.mmc.jobs.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import network.mmc.jobs.audit.OfflineAudit;
import network.mmc.jobs.calls.CallRecordLoader;
import network.mmc.jobs.calls.CallRecordRow;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import network.mmc.settlement.SettlementWindow;
import org.p2p.solanaj.utils.Base58;
import org.springframework.jdbc.core.JdbcTemplate;

/** Windows with nodes and calls for settlement tests, each window used by one test only. */
public final class SettlementFixtures {

    private static final AtomicInteger NEXT_WINDOW = new AtomicInteger();

    private SettlementFixtures() {
    }

    /** A window in period 1 of the emission schedule with six nodes (one self-dealing, one without owner) and their calls. */
    public static SettlementWindow aWindowWithCalls(JdbcTemplate jdbc, CallRecordLoader loader) {
        SettlementWindow window = SettlementWindow.containing(Instant.parse("2026-02-01T00:00:00Z")
                .plus(Duration.ofHours(2L * NEXT_WINDOW.getAndIncrement())),
                Duration.ofHours(2));
        callsIn(window, jdbc, loader);
        return window;
    }

    /** Six nodes (one self-dealing, one without owner) and their calls inside {@code window}. */
    public static void callsIn(SettlementWindow window, JdbcTemplate jdbc, CallRecordLoader loader) {
        List<CallRecordRow> rows = new ArrayList<>();
        String[] wallets = {TestNode.aWallet(), TestNode.aWallet(), TestNode.aWallet()};
        for (int n = 0; n < 6; n++) {
            String node = TestNode.aWallet();
            jdbc.update("INSERT INTO node (node_id, public_key, kind, owner_wallet, stake, registered_at)"
                            + " VALUES (?, ?, 'COMPUTING', ?, ?, NOW(6))",
                    node, Base58.decode(node), n == 5 ? null : wallets[n % 3], n * 2_000_000_000_000L);
            for (int c = 0; c < 20 + n; c++) {
                CallStatus status = c % (n + 3) == 0 ? CallStatus.FAILED : CallStatus.SUCCESS;
                String caller = n == 1 && c % 2 == 0 ? wallets[1] : "user-" + c;
                rows.add(new CallRecordRow(window.start() + "-" + node + "-" + c, node, CallerType.API_USER, "u", caller,
                        "gemm", status, 100 + 37L * c * (n + 1), 50, null, window.start().plusSeconds(60L * c + n)));
            }
        }
        rows.sort(Comparator.comparing(CallRecordRow::recordedAt));
        loader.load(rows);
    }

    /** Recomputes an exported run with the offline audit and writes its result.json beside the export. */
    public static Path audit(Path nodesCsv, Path callsCsv, SettlementWindow window, Path out) throws IOException {
        OfflineAudit.run(nodesCsv, callsCsv, null, window.start(), Map.of()).write(out);
        return out;
    }
}
