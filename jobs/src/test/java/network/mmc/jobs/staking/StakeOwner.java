package network.mmc.jobs.staking;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.TestNode;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.utils.TweetNaclFast;

/** A node owner's wallet: a real ed25519 key that signs stake transactions and unstake texts as a wallet does. */
final class StakeOwner {

    final Account account = new Account();
    final String wallet = account.getPublicKeyBase58();
    private final HubClient hub;

    StakeOwner(HubClient hub) {
        this.hub = hub;
    }

    HubClient.Response offer(String nodeId, long amount) {
        return hub.post("/api/staking/nodes/" + nodeId + "/stake-transactions", Map.of("wallet", wallet, "amount", amount));
    }

    /** Signs the transaction as a wallet's signTransaction does: its message, into the empty signature slot. */
    String sign(String unsignedBase64) {
        byte[] unsigned = Base64.getDecoder().decode(unsignedBase64);
        byte[] message = Arrays.copyOfRange(unsigned, 65, unsigned.length);
        byte[] signature = new TweetNaclFast.Signature(new byte[0], account.getSecretKey()).detached(message);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(unsigned.length).put((byte) 1).put(signature)
                .put(message).array());
    }

    HubClient.Response submit(String nodeId, long amount, String signedBase64) {
        return hub.post("/api/staking/nodes/" + nodeId + "/stakes", Map.of("amount", amount, "transaction", signedBase64));
    }

    /** Builds, signs and submits a stake; the Hub's answer to the submission. */
    HubClient.Response stake(String nodeId, long amount) {
        HubClient.Response offer = offer(nodeId, amount);
        if (offer.status() != 200) {
            throw new AssertionError("no stake transaction: " + offer.text());
        }
        return submit(nodeId, amount, sign(offer.body().get("transaction").asString()));
    }

    String signUnstake(String hubId, String nodeId, long amount, long nonce) {
        return Ed25519Signatures.sign(Arrays.copyOf(account.getSecretKey(), 32),
                UnstakeMessage.of(hubId, wallet, nodeId, amount, nonce));
    }

    HubClient.Response unstake(String nodeId, long amount, long nonce) {
        return unstake(nodeId, Map.of("wallet", wallet, "amount", amount, "nonce", nonce,
                "signature", signUnstake(TestNode.HUB_ID, nodeId, amount, nonce)));
    }

    HubClient.Response unstake(String nodeId, Map<String, Object> body) {
        return hub.post("/api/staking/nodes/" + nodeId + "/unstakes", body);
    }
}
