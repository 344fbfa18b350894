package network.mmc.jobs.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import network.mmc.jobs.settlement.NodeSettlementLine;
import org.junit.jupiter.api.Test;

class NodeOrderTests {

    private static final List<NodeSettlementLine> NODES = List.of(
            node("c", "W2", 300, 0), node("a", null, 100, 4), node("d", "W1", 100, 0), node("b", "W1", 200, 0));

    @Test
    void sortsByTheColumnThenByNodeIdSoThatTiesKeepOneOrder() {
        assertThat(ids(NodeOrder.of("credits", "desc"))).containsExactly("c", "b", "a", "d");
        assertThat(ids(NodeOrder.of("credits", "asc"))).containsExactly("a", "d", "b", "c");
        assertThat(ids(NodeOrder.of("owner", "asc"))).as("a node without owner first").containsExactly("a", "b", "d", "c");
        assertThat(ids(NodeOrder.of("flags", "desc"))).as("the self-dealing node first").startsWith("a");
    }

    @Test
    void aHeaderClickTurnsTheSortedColumnAroundAndSortsOthersLargestFirstWhenNumeric() {
        NodeOrder byCredits = NodeOrder.of("credits", "desc");

        assertThat(byCredits.directionAfterClickOn(NodeColumn.CREDITS)).isEqualTo("asc");
        assertThat(byCredits.directionAfterClickOn(NodeColumn.REWARD)).isEqualTo("desc");
        assertThat(byCredits.directionAfterClickOn(NodeColumn.NODE)).isEqualTo("asc");
        assertThat(byCredits.ariaSort(NodeColumn.CREDITS)).isEqualTo("descending");
        assertThat(byCredits.ariaSort(NodeColumn.NODE)).isEqualTo("none");
    }

    @Test
    void onlyTheTablesColumnNamesAndTwoDirectionsAreAccepted() {
        assertThatThrownBy(() -> NodeOrder.of("node_id; DROP TABLE node", "asc"))
                .hasMessageStartingWith("sort 'node_id; DROP TABLE node' is not a column of the node table; the columns"
                        + " are node, owner, eligible,");
        assertThatThrownBy(() -> NodeOrder.of("Credits", "asc")).hasMessageContaining("is not a column");
        assertThatThrownBy(() -> NodeOrder.of("credits", "DESC")).hasMessage("direction 'DESC' is not one of asc, desc");
    }

    private static List<String> ids(NodeOrder order) {
        return NODES.stream().sorted(order.comparator()).map(NodeSettlementLine::nodeId).toList();
    }

    private static NodeSettlementLine node(String id, String owner, long credits, long selfDealt) {
        return new NodeSettlementLine(id, owner, 10, 9, credits, selfDealt, 0.8, credits, 0, 1.0, owner != null, credits,
                BigDecimal.ZERO, credits);
    }
}
