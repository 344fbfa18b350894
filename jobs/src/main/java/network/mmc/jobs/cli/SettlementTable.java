package network.mmc.jobs.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.List;
import network.mmc.settlement.DecimalText;
import network.mmc.settlement.MmcText;
import network.mmc.settlement.NodeSettlement;

/** The per-node table of a settled window: the same for stored runs and offline audits. */
final class SettlementTable {

    record Line(String nodeId, String ownerWallet, boolean eligible, long calls, long ok, long credits, long selfDealt,
                double quality, double usage, double raw, BigDecimal weight, long reward) {

        static Line of(NodeSettlement n) {
            return new Line(n.nodeId(), n.ownerWallet(), n.eligible(), n.calls(), n.ok(), n.credits(), n.selfDealt(),
                    n.quality(), n.usage(), n.raw(), n.weight(), n.reward());
        }

        /**
         * Why the node got nothing, or that its usage was capped, read from the line alone (SETTLEMENT.md §3, §5):
         * eligible = registered, owner wallet bound and not suspended at window end; raw = 0 without successful,
         * credited calls.
         */
        String note() {
            if (reward > 0) {
                return usage < credits ? "usage capped at " + DecimalText.of(usage) + " credits" : "";
            }
            if (!eligible) {
                return ownerWallet == null ? "not eligible: no owner wallet at window end (or not registered)"
                        : "not eligible: suspended";
            }
            if (ok == 0) {
                return "no successful calls";
            }
            if (credits == 0) {
                return selfDealt > 0 ? "no credits: every credited call was self-dealt" : "no credits earned";
            }
            return "share of the pool under 1 base unit";
        }
    }

    private SettlementTable() {
    }

    static void print(List<Line> lines, int limit, PrintStream out) {
        PrintWriter writer = new PrintWriter(out);
        print(lines, limit, writer);
        writer.flush();
    }

    static void print(List<Line> lines, int limit, PrintWriter out) {
        out.printf("%-44s %8s %8s %12s %11s %8s %22s %22s  %s%n", "NODE", "CALLS", "OK", "CREDITS", "SELF-DEALT",
                "QUALITY", "WEIGHT", "REWARD (MMC)", "NOTE");
        lines.stream().limit(limit).forEach(l -> out.println(String.format("%-44s %,8d %,8d %,12d %,11d %8s %22s %22s  %s",
                l.nodeId(), l.calls(), l.ok(), l.credits(), l.selfDealt(), DecimalText.of(l.quality()), DecimalText.of(l.weight()),
                MmcText.format(l.reward()), l.note()).stripTrailing()));
        if (lines.size() > limit) {
            out.printf("… and %d more nodes%n", lines.size() - limit);
        }
    }
}
