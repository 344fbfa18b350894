package network.mmc.jobs.console;

import java.util.Comparator;
import network.mmc.jobs.settlement.NodeSettlementLine;

/** How a run's node table is sorted: a column and a direction, ties broken by node id so that pages never overlap. */
record NodeOrder(NodeColumn column, boolean descending) {

    static NodeOrder of(String sort, String direction) {
        NodeColumn column = NodeColumn.of(sort);
        return switch (direction) {
            case "asc" -> new NodeOrder(column, false);
            case "desc" -> new NodeOrder(column, true);
            default -> throw new IllegalArgumentException("direction '" + direction + "' is not one of asc, desc");
        };
    }

    Comparator<NodeSettlementLine> comparator() {
        Comparator<NodeSettlementLine> order = descending ? column.order().reversed() : column.order();
        return order.thenComparing(NodeSettlementLine::nodeId);
    }

    public String direction() {
        return descending ? "desc" : "asc";
    }

    /** The direction a click on {@code header} asks for: the other one on the sorted column, else largest first. */
    public String directionAfterClickOn(NodeColumn header) {
        if (header == column) {
            return descending ? "asc" : "desc";
        }
        return header.numeric() ? "desc" : "asc";
    }

    /** The header's {@code aria-sort}: how the table is sorted by it, {@code none} when not. */
    public String ariaSort(NodeColumn header) {
        return header != column ? "none" : descending ? "descending" : "ascending";
    }
}
