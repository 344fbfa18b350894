package network.mmc.node;

import java.time.Instant;

/**
 * The exact texts a node signs, shared by the agent that signs them and the Hub that verifies them. Each names the hub (no replay against another deployment) and the
 * signing time (no replay later than the allowed age).
 */
public final class NodeMessages {

    private NodeMessages() {
    }

    public static String register(String hubId, String nodeId, String kind, String endpointUrl, Instant signedAt) {
        return "MMC-REGISTER\nhub:" + hubId + "\nnode:" + nodeId + "\nkind:" + kind
                + "\nendpoint:" + (endpointUrl == null ? "" : endpointUrl) + "\ntime:" + signedAt;
    }

    public static String bindWallet(String hubId, String nodeId, String wallet, Instant signedAt) {
        return "MMC-BIND-WALLET\nhub:" + hubId + "\nnode:" + nodeId + "\nwallet:" + wallet + "\ntime:" + signedAt;
    }

    public static String status(String hubId, String nodeId, String gpuModel, Integer gpuMemoryMb,
                                String agentVersion, Instant signedAt) {
        return "MMC-STATUS\nhub:" + hubId + "\nnode:" + nodeId + "\ngpu:" + nullToEmpty(gpuModel)
                + "\nmemory-mb:" + (gpuMemoryMb == null ? "" : gpuMemoryMb) + "\nagent:" + nullToEmpty(agentVersion)
                + "\ntime:" + signedAt;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
