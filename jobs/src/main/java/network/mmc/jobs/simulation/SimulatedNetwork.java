package network.mmc.jobs.simulation;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.nodes.NodeKind;

/**
 * The nodes of a simulated network, derived from a seed: same seed, same keys, owners and roles.
 * Node 0 deals with itself, nodes 1-3 are a wash-trading cluster under one owner, node 4 is flaky,
 * and every 20th node has no owner wallet (so it is not eligible).
 */
record SimulatedNetwork(long seed, List<SimulatedNode> nodes, List<String> userWallets) {

    static final int SELF_DEALER = 0;
    static final int FLAKY = 4;
    private static final long[] STAKES = {0L, 1_000_000_000_000L, 5_000_000_000_000L, 10_000_000_000_000L,
            20_000_000_000_000L};

    record SimulatedNode(int index, String nodeId, byte[] publicKey, byte[] seed32, NodeKind kind,
                         String ownerWallet, long stake, boolean online) {

        boolean isWashCluster() {
            return index >= 1 && index <= 3;
        }
    }

    static SimulatedNetwork of(long seed, int nodeCount) {
        SplittableRandom random = new SplittableRandom(seed);
        int validators = Math.max(1, nodeCount / 50);
        String washOwner = wallet(seed, "wash-owner");
        List<SimulatedNode> nodes = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            byte[] secret = derive(seed, "node-" + i);
            SolanaAddress key = Ed25519Signatures.publicKeyOf(secret);
            NodeKind kind = i >= nodeCount - validators ? NodeKind.VALIDATOR : NodeKind.COMPUTING;
            String owner = i % 20 == 19 ? null
                    : i >= 1 && i <= 3 ? washOwner
                    : wallet(seed, "owner-" + (i % Math.max(1, nodeCount / 3)));
            long stake = owner == null ? 0 : STAKES[random.nextInt(STAKES.length)];
            boolean online = random.nextInt(10) != 0 || i < 5;
            nodes.add(new SimulatedNode(i, key.base58(), key.bytes(), secret, kind, owner, stake, online));
        }
        List<String> users = new ArrayList<>();
        for (int u = 0; u < 50; u++) {
            users.add(wallet(seed, "user-" + u));
        }
        return new SimulatedNetwork(seed, nodes, users);
    }

    List<SimulatedNode> computing() {
        return nodes.stream().filter(n -> n.kind() == NodeKind.COMPUTING).toList();
    }

    List<SimulatedNode> validators() {
        return nodes.stream().filter(n -> n.kind() == NodeKind.VALIDATOR).toList();
    }

    /** An ed25519 public key whose secret seed is {@link #derive}(seed, name): simulated owners can sign. */
    static String wallet(long seed, String name) {
        return Ed25519Signatures.publicKeyOf(derive(seed, name)).base58();
    }

    static byte[] derive(long seed, String name) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(8).putLong(seed).array());
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
