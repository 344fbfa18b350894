package network.mmc.jobs.console;

import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Collectors;
import network.mmc.jobs.reports.NodeFlags;
import network.mmc.jobs.settlement.NodeSettlementLine;

/**
 * The columns of a run's node table, each sortable by the name its header link sends ({@code ?sort=credits}): the
 * only names a sort accepts. The REST API's node page accepts the same names for the columns it has.
 */
enum NodeColumn {

    NODE("node", "Node", false, Comparator.comparing(NodeSettlementLine::nodeId)),
    OWNER("owner", "Owner wallet", false, Comparator.comparing(NodeSettlementLine::ownerWallet,
            Comparator.nullsFirst(Comparator.naturalOrder()))),
    ELIGIBLE("eligible", "Eligible", false, Comparator.comparing(NodeSettlementLine::eligible)),
    CALLS("calls", "Calls", true, Comparator.comparingLong(NodeSettlementLine::calls)),
    OK("ok", "OK", true, Comparator.comparingLong(NodeSettlementLine::ok)),
    CREDITS("credits", "Credits", true, Comparator.comparingLong(NodeSettlementLine::credits)),
    SELF_DEALT("self-dealt", "Self-dealt", true, Comparator.comparingLong(NodeSettlementLine::selfDealt)),
    QUALITY("quality", "Quality", true, Comparator.comparingDouble(NodeSettlementLine::quality)),
    USAGE("usage", "Usage", true, Comparator.comparingDouble(NodeSettlementLine::usage)),
    STAKE("stake", "Stake (MMC)", true, Comparator.comparingLong(NodeSettlementLine::stake)),
    STAKE_FACTOR("stake-factor", "Stake factor", true, Comparator.comparingDouble(NodeSettlementLine::stakeFactor)),
    WEIGHT("weight", "Weight", true, Comparator.comparing(NodeSettlementLine::weight)),
    REWARD("reward", "Reward (MMC)", true, Comparator.comparingLong(NodeSettlementLine::reward)),
    FLAGS("flags", "Flags", false, Comparator.comparing((Function<NodeSettlementLine, String>) NodeColumn::flags));

    private final String key;
    private final String label;
    private final boolean numeric;
    private final Comparator<NodeSettlementLine> order;

    NodeColumn(String key, String label, boolean numeric, Comparator<NodeSettlementLine> order) {
        this.key = key;
        this.label = label;
        this.numeric = numeric;
        this.order = order;
    }

    /** @throws IllegalArgumentException naming the column names a sort accepts */
    static NodeColumn of(String key) {
        return Arrays.stream(values()).filter(column -> column.key.equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("sort '" + key + "' is not a column of the node table;"
                        + " the columns are " + Arrays.stream(values()).map(c -> c.key).collect(Collectors.joining(", "))));
    }

    static String flags(NodeSettlementLine node) {
        return String.join(", ", NodeFlags.of(node));
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public boolean numeric() {
        return numeric;
    }

    Comparator<NodeSettlementLine> order() {
        return order;
    }
}
