package network.mmc.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The agent's side of the Hub's node API: every request is signed with the node's key. */
public final class HubConnection {

    private final URI hub;
    private final String hubId;
    private final NodeIdentity identity;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = JsonMapper.builder().build();

    public HubConnection(URI hub, String hubId, NodeIdentity identity, Clock clock) {
        this.hub = hub;
        this.hubId = hubId;
        this.identity = identity;
        this.clock = clock;
    }

    public JsonNode register(String kind, String endpoint) {
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("publicKey", identity.nodeId());
        body.put("kind", kind);
        body.put("endpointUrl", endpoint);
        body.put("signedAt", now.toString());
        body.put("signature", identity.sign(NodeMessages.register(hubId, identity.nodeId(), kind, endpoint, now)));
        return post("/api/nodes", body);
    }

    public JsonNode reportStatus(NodeHardware hardware, String agentVersion) {
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gpuModel", hardware.gpuModel());
        body.put("gpuMemoryMb", hardware.gpuMemoryMb());
        body.put("agentVersion", agentVersion);
        body.put("signedAt", now.toString());
        body.put("signature", identity.sign(NodeMessages.status(hubId, identity.nodeId(), hardware.gpuModel(),
                hardware.gpuMemoryMb(), agentVersion, now)));
        return post("/api/nodes/" + identity.nodeId() + "/status", body);
    }

    public JsonNode bindWallet(String wallet) {
        Instant now = clock.instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("wallet", wallet);
        body.put("signedAt", now.toString());
        body.put("signature", identity.sign(NodeMessages.bindWallet(hubId, identity.nodeId(), wallet, now)));
        return post("/api/nodes/" + identity.nodeId() + "/wallet", body);
    }

    public JsonNode node() {
        return send(HttpRequest.newBuilder(hub.resolve("/api/nodes/" + identity.nodeId())).GET());
    }

    private JsonNode post(String path, Map<String, Object> body) {
        return send(HttpRequest.newBuilder(hub.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new HubRequestException("the Hub at " + hub + " is unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubRequestException("interrupted while calling the Hub");
        }
        if (response.statusCode() / 100 != 2) {
            String detail = response.body();
            try {
                JsonNode problem = json.readTree(detail);
                if (problem.hasNonNull("detail")) {
                    detail = problem.get("detail").asString();
                }
            } catch (RuntimeException e) {
                // not a problem document: show the body as it came
            }
            throw new HubRequestException("the Hub answered " + response.statusCode() + ": " + detail);
        }
        return json.readTree(response.body());
    }

    /** The Hub refused a request or could not be reached; the message says which and why. */
    public static final class HubRequestException extends RuntimeException {
        HubRequestException(String message) {
            super(message);
        }
    }
}
