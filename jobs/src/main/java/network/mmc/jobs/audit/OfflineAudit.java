package network.mmc.jobs.audit;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import network.mmc.settlement.EmissionSchedule;
import network.mmc.settlement.NodeProfile;
import network.mmc.settlement.SettlementParameters;
import network.mmc.settlement.SettlementResult;
import network.mmc.settlement.SettlementWindow;
import network.mmc.settlement.WindowAggregator;
import network.mmc.settlement.WindowSettlementCalculator;

/** Recomputes a window from files alone, with the same code as the settlement job: no database. */
public final class OfflineAudit {

    private OfflineAudit() {
    }

    /**
     * @param pool   the pool in base units, or null to take it from the emission schedule of {@code window}
     * @param window the window's start; when given, only calls recorded inside it count
     */
    public static SettlementResult run(Path nodesCsv, Path callsCsv, Long pool, Instant window,
                                       Map<String, String> overrides) {
        SettlementParameters parameters = AuditParameters.apply(SettlementParameters.defaults(), overrides);
        SettlementWindow range = window == null ? null : SettlementWindow.startingAt(window, parameters.period());
        if (pool == null && range == null) {
            throw new IllegalArgumentException("give --pool or --window");
        }
        Map<String, NodeProfile> nodes = AuditFiles.readNodes(nodesCsv);
        WindowAggregator aggregator = new WindowAggregator(node -> {
            NodeProfile profile = nodes.get(node);
            return profile == null ? null : profile.ownerWallet();
        });
        AuditFiles.readCalls(callsCsv, timed -> {
            if (range == null || inside(range, timed.recordedAt())) {
                aggregator.add(timed.call());
            }
        });
        long windowPool = pool != null ? pool : new EmissionSchedule(parameters).poolOf(range.start());
        return new WindowSettlementCalculator(parameters).settle(aggregator.usages(), nodes, windowPool);
    }

    private static boolean inside(SettlementWindow window, Instant at) {
        return !at.isBefore(window.start()) && at.isBefore(window.end());
    }

}
