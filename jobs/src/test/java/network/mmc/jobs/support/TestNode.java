package network.mmc.jobs.support;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.node.NodeMessages;

/** A node with a fresh ed25519 key that signs its requests like the node agent does. */
public final class TestNode {

    public static final String HUB_ID = "mmc-hub-local";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] seed = new byte[32];
    private final SolanaAddress key;

    private TestNode() {
        RANDOM.nextBytes(seed);
        key = Ed25519Signatures.publicKeyOf(seed);
    }

    public static TestNode aNode() {
        return new TestNode();
    }

    public static String aWallet() {
        return aNode().id();
    }

    public String id() {
        return key.base58();
    }

    public Map<String, Object> registerRequest(NodeKind kind, String endpoint) {
        Instant now = Instant.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publicKey", id());
        body.put("kind", kind.name());
        body.put("endpointUrl", endpoint);
        body.put("signedAt", now.toString());
        body.put("signature", Ed25519Signatures.sign(seed, NodeMessages.register(HUB_ID, id(), kind.name(), endpoint, now)));
        return body;
    }

    public Map<String, Object> statusRequest() {
        return statusRequest("H100", 81_920, "1.0.0");
    }

    public Map<String, Object> statusRequest(String gpuModel, Integer gpuMemoryMb, String agentVersion) {
        Instant now = Instant.now();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gpuModel", gpuModel);
        body.put("gpuMemoryMb", gpuMemoryMb);
        body.put("agentVersion", agentVersion);
        body.put("signedAt", now.toString());
        body.put("signature", Ed25519Signatures.sign(seed,
                NodeMessages.status(HUB_ID, id(), gpuModel, gpuMemoryMb, agentVersion, now)));
        return body;
    }

    public Map<String, Object> bindRequest(String wallet) {
        return bindRequest(wallet, Instant.now());
    }

    public Map<String, Object> bindRequest(String wallet, Instant signedAt) {
        return Map.of("wallet", wallet, "signedAt", signedAt.toString(),
                "signature", Ed25519Signatures.sign(seed, NodeMessages.bindWallet(HUB_ID, id(), wallet, signedAt)));
    }
}
