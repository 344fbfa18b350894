package network.mmc.jobs.console;

import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.settlement.DecimalText;

/** A line of a run's node table with its non-integer values written as the CLI writes them. */
public record NodeRow(NodeSettlementLine node, String quality, String usage, String stakeFactor, String weight,
                      String flags) {

    static NodeRow of(NodeSettlementLine node) {
        return new NodeRow(node, DecimalText.of(node.quality()), DecimalText.of(node.usage()),
                DecimalText.of(node.stakeFactor()), DecimalText.of(node.weight()), NodeColumn.flags(node));
    }
}
