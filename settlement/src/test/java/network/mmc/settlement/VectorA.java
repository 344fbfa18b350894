package network.mmc.settlement;

import static network.mmc.settlement.CallFacts.aCall;

import java.util.List;
import java.util.Map;

/** Test vector A of SETTLEMENT.md §5. */
final class VectorA {

    static final long POOL = 1_000_000_000L;

    static final Map<String, NodeProfile> PROFILES = Map.of(
            "node-a", new NodeProfile("node-a", "WalletA", 0, true),
            "node-b", new NodeProfile("node-b", "WalletB", 5_000_000_000_000L, true),
            "node-c", new NodeProfile("node-c", "WalletC", 20_000_000_000_000L, true),
            "node-d", new NodeProfile("node-d", null, 0, false));

    static final List<CallFact> CALLS = List.of(
            aCall().forNode("node-a").byUser("U1").succeeded().withCredits(1000).build(),
            aCall().forNode("node-a").byUser("U2").succeeded().withCredits(3000).build(),
            aCall().forNode("node-a").byValidator().succeeded().withCredits(100).build(),
            aCall().forNode("node-a").byUser("U1").withStatus(CallStatus.FAILED).withCredits(500).build(),
            aCall().forNode("node-b").byUser("U1").succeeded().withCredits(2000).build(),
            aCall().forNode("node-b").byUser("WalletB").succeeded().withCredits(9000).build(),
            aCall().forNode("node-b").byValidator().withStatus(CallStatus.TIMEOUT).withCredits(0).build(),
            aCall().forNode("node-c").byValidator().succeeded().withCredits(100).build(),
            aCall().forNode("node-c").byUser("U3").succeeded().withCredits(700).build(),
            aCall().forNode("node-d").byUser("U3").succeeded().withCredits(5000).build());

    private VectorA() {
    }

    static String ownerOf(String node) {
        NodeProfile profile = PROFILES.get(node);
        return profile == null ? null : profile.ownerWallet();
    }
}
