package network.mmc.jobs.reports;

import java.util.Comparator;
import java.util.List;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.settlement.SettlementParameters;

/**
 * Everything a run's report shows, read from the stored run, its previous revision, its ledger lines and the windows
 * before it.
 *
 * @param history    the {@link WindowTotals#WINDOWS} windows up to and including the run's, oldest first
 * @param parameters the terms the run was settled with (the emission schedule's among them)
 */
record RunReport(SettlementRun run, List<NodeSettlementLine> nodes, List<WalletChange> wallets,
                 List<WindowTotals> history, SettlementParameters parameters) {

    static final int TOP_NODES = 10;

    List<NodeSettlementLine> topNodes() {
        return nodes.stream().filter(n -> n.reward() > 0)
                .sorted(Comparator.comparingLong(NodeSettlementLine::reward).reversed()
                        .thenComparing(NodeSettlementLine::nodeId))
                .limit(TOP_NODES).toList();
    }

    List<NodeSettlementLine> flaggedNodes() {
        return nodes.stream().filter(n -> !NodeFlags.of(n).isEmpty()).toList();
    }

    RewardConcentration concentration() {
        return RewardConcentration.of(nodes.stream().map(NodeSettlementLine::reward).toList());
    }

    boolean isRerun() {
        return run.revision() > 1;
    }
}
