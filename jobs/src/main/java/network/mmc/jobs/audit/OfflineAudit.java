package network.mmc.jobs.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
     * @param parameters the settlement terms the result was computed with (the defaults with the overrides applied)
     * @param warning    what a reader of the result should know first: a window given but none of the file's calls
     *                   recorded inside it, which leaves its whole pool unallocated
     */
    public record Audit(SettlementResult result, Map<String, String> parameters, Optional<String> warning) {

        /** Writes result.json as {@code runs export} does for the same run. */
        public void write(Path file) {
            ResultJson.write(file, result, parameters);
        }
    }

    /**
     * The calls file of a {@code runs export} directory ({@code calls.csv}) or of an archived window
     * ({@code calls.csv.gz}, when the directory has no {@code calls.csv}).
     */
    public static Path callsFile(Path dir) {
        Path plain = dir.resolve("calls.csv");
        Path archived = dir.resolve("calls.csv.gz");
        return !Files.exists(plain) && Files.exists(archived) ? archived : plain;
    }

    /**
     * @param pool   the pool in base units, or null to take it from the emission schedule of {@code window}
     * @param window the window's start; when given, only calls recorded inside it count
     */
    public static Audit run(Path nodesCsv, Path callsCsv, Long pool, Instant window, Map<String, String> overrides) {
        SettlementParameters parameters = SettlementParameters.defaults().withTerms(overrides);
        SettlementWindow range = window == null ? null : SettlementWindow.startingAt(window, parameters.period());
        if (pool == null && range == null) {
            throw new IllegalArgumentException("give --pool or --window");
        }
        Map<String, NodeProfile> nodes = AuditFiles.readNodes(nodesCsv);
        WindowAggregator aggregator = new WindowAggregator(node -> {
            NodeProfile profile = nodes.get(node);
            return profile == null ? null : profile.ownerWallet();
        });
        CallSpan span = new CallSpan();
        AuditFiles.readCalls(callsCsv, timed -> {
            span.add(timed.recordedAt());
            if (range == null || inside(range, timed.recordedAt())) {
                span.counted++;
                aggregator.add(timed.call());
            }
        });
        long windowPool = pool != null ? pool : new EmissionSchedule(parameters).poolOf(range.start());
        SettlementResult result = new WindowSettlementCalculator(parameters).settle(aggregator.usages(), nodes, windowPool);
        Optional<String> warning = range == null || span.counted > 0 ? Optional.empty() : Optional.of(
                "no call record of " + callsCsv + " was recorded in window " + range.start() + " to " + range.end()
                        + (span.read == 0 ? " (the file has none)" : " (its " + span.read + " records span "
                        + span.first + " to " + span.last + ")") + ": the window's whole pool is unallocated");
        return new Audit(result, parameters.terms(), warning);
    }

    /** The recorded_at range of the calls read, and how many of them the window kept. */
    private static final class CallSpan {
        private long read;
        private long counted;
        private Instant first;
        private Instant last;

        void add(Instant recordedAt) {
            read++;
            first = first == null || recordedAt.isBefore(first) ? recordedAt : first;
            last = last == null || recordedAt.isAfter(last) ? recordedAt : last;
        }
    }

    private static boolean inside(SettlementWindow window, Instant at) {
        return !at.isBefore(window.start()) && at.isBefore(window.end());
    }

}
