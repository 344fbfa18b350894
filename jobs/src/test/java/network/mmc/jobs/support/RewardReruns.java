package network.mmc.jobs.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import network.mmc.jobs.calls.CallRecordLoader;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.NodeSettlementLine;
import network.mmc.jobs.settlement.SettlementRun;
import network.mmc.jobs.settlement.SettlementRuns;
import network.mmc.jobs.settlement.SettlementService;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A wallet paid in two windows: the earlier one settled and then re-run four times, so that the wallet's reward
 * goes up (more stake), down (one node suspended), to 0 (both suspended) and up again; the later one settled once.
 *
 * @param rerunAmounts the wallet's reward in each revision of the re-run window, revision 1 first
 */
public record RewardReruns(String wallet, SettlementWindow rerunWindow, List<Long> rerunAmounts,
                           SettlementWindow laterWindow, long laterAmount) {

    public static RewardReruns create(JdbcTemplate jdbc, CallRecordLoader loader, SettlementService settlement,
                                      SettlementRuns runs) {
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        SettlementRun first = settlement.settle(window);
        // the owner of two paid nodes, neither self-dealing
        Map<String, List<NodeSettlementLine>> byOwner = runs.nodes(first.id()).stream()
                .filter(NodeSettlementLine::eligible).collect(Collectors.groupingBy(NodeSettlementLine::ownerWallet));
        List<NodeSettlementLine> pair = byOwner.values().stream()
                .filter(nodes -> nodes.size() == 2 && nodes.stream().allMatch(n -> n.selfDealt() == 0))
                .findFirst().orElseThrow().stream().sorted(Comparator.comparingLong(NodeSettlementLine::stake)).toList();
        String wallet = pair.get(0).ownerWallet();
        String lowStake = pair.get(0).nodeId();
        String other = pair.get(1).nodeId();

        List<Long> amounts = new ArrayList<>(List.of(amountOf(wallet, first, runs)));
        jdbc.update("UPDATE node SET stake = 20000000000000 WHERE node_id = ?", lowStake);
        amounts.add(amountOf(wallet, settlement.rerun(window, "stake was recorded late", "alice"), runs));
        jdbc.update("UPDATE node SET suspended = TRUE WHERE node_id = ?", lowStake);
        amounts.add(amountOf(wallet, settlement.rerun(window, "node suspended for wrong results", "bob"), runs));
        jdbc.update("UPDATE node SET suspended = TRUE WHERE node_id = ?", other);
        amounts.add(amountOf(wallet, settlement.rerun(window, "second node suspended", "bob"), runs));
        jdbc.update("UPDATE node SET suspended = FALSE WHERE node_id IN (?, ?)", lowStake, other);
        amounts.add(amountOf(wallet, settlement.rerun(window, "suspensions lifted on appeal", "carol"), runs));

        SettlementWindow later = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        String laterNode = jdbc.queryForObject("SELECT node_id FROM node WHERE owner_wallet IS NOT NULL AND node_id IN"
                        + " (SELECT node_id FROM call_record WHERE recorded_at >= ? AND recorded_at < ?) ORDER BY node_id LIMIT 1",
                String.class, UtcTimestamps.of(later.start()), UtcTimestamps.of(later.end()));
        jdbc.update("UPDATE node SET owner_wallet = ? WHERE node_id = ?", wallet, laterNode);
        long laterAmount = amountOf(wallet, settlement.settle(later), runs);
        return new RewardReruns(wallet, window, List.copyOf(amounts), later, laterAmount);
    }

    private static long amountOf(String wallet, SettlementRun run, SettlementRuns runs) {
        return runs.nodes(run.id()).stream().filter(n -> wallet.equals(n.ownerWallet()))
                .mapToLong(NodeSettlementLine::reward).sum();
    }
}
