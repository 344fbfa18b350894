package network.mmc.jobs.reports;

import java.util.ArrayList;
import java.util.List;
import network.mmc.jobs.settlement.NodeSettlementLine;

/** Why finance should look at a node of a run, read from its stored line (SETTLEMENT.md §2-3). */
public final class NodeFlags {

    /**
     * The Wilson lower bound under which a node counts as low quality: with it, fewer than half of its calls are
     * shown to succeed. A reporting threshold only; settlement weighs quality as it is.
     */
    static final double LOW_QUALITY = 0.5;

    private NodeFlags() {
    }

    public static List<String> of(NodeSettlementLine node) {
        List<String> flags = new ArrayList<>();
        if (node.selfDealt() > 0) {
            flags.add("self-dealing");
        }
        if (node.usage() < node.credits()) {
            flags.add("capped by the MAD rule");
        }
        if (node.calls() > 0 && node.quality() < LOW_QUALITY) {
            flags.add("low quality");
        }
        if (!node.eligible() && node.credits() > 0) {
            flags.add("not eligible with credits");
        }
        return List.copyOf(flags);
    }
}
