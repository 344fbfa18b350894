package network.mmc.jobs.simulation;

import java.util.LinkedHashMap;
import java.util.Map;

/** The signing keys of a simulated network's owner wallets, so the demo can sign withdrawals as they would. */
public final class SimulatedOwners {

    private SimulatedOwners() {
    }

    /** The owner of the network's first node, in a network of any size: its nodes always have calls. */
    public static String firstNodeOwner(long seed) {
        return SimulatedNetwork.wallet(seed, "owner-0");
    }

    /** The wallet of the demo's API user of the network of {@code seed}: it owns no node, so its calls are not self-dealt. */
    public static String apiUserWallet(long seed) {
        return SimulatedNetwork.wallet(seed, "api-user");
    }

    /** Owner wallet (base58) → its 32-byte ed25519 seed, for the network of {@code nodeCount} nodes from {@code seed}. */
    public static Map<String, byte[]> keys(long seed, int nodeCount) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put(SimulatedNetwork.wallet(seed, "wash-owner"), SimulatedNetwork.derive(seed, "wash-owner"));
        for (int i = 0; i < Math.max(1, nodeCount / 3); i++) {
            keys.put(SimulatedNetwork.wallet(seed, "owner-" + i), SimulatedNetwork.derive(seed, "owner-" + i));
        }
        return keys;
    }
}
