package network.mmc.jobs.cli;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;

/** The per-node table of a settled window: the same for stored runs and offline audits. */
final class SettlementTable {

    record Line(String nodeId, long calls, long ok, long credits, long selfDealt, double quality, BigDecimal weight,
                long reward) {
    }

    private SettlementTable() {
    }

    static void print(List<Line> lines, int limit, PrintStream out) {
        out.printf("%-44s %8s %8s %12s %11s %8s %22s %22s%n", "NODE", "CALLS", "OK", "CREDITS", "SELF-DEALT",
                "QUALITY", "WEIGHT", "REWARD (MMC)");
        lines.stream().limit(limit).forEach(l -> out.printf("%-44s %,8d %,8d %,12d %,11d %8.4f %22s %22s%n",
                l.nodeId(), l.calls(), l.ok(), l.credits(), l.selfDealt(), l.quality(), l.weight().toPlainString(),
                Mmc.format(l.reward())));
        if (lines.size() > limit) {
            out.printf("… and %d more nodes%n", lines.size() - limit);
        }
    }
}
