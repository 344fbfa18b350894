package network.mmc.jobs.audit;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import network.mmc.settlement.SettlementResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code result.json} of an audit or an exported run; the same inputs give byte-identical files. */
public final class ResultJson {

    public record Node(String nodeId, long calls, long ok, long credits, long selfDealt, double quality,
                       BigDecimal weight, long reward) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private ResultJson() {
    }

    /** What {@code audit --from-export} takes from an exported result.json: the pool and the run's terms. */
    public record Recorded(long pool, Optional<Map<String, String>> parameters) {
    }

    /** @param parameters the settlement terms the result was computed with */
    public static void write(Path file, SettlementResult result, Map<String, String> parameters) {
        write(file, result.pool(), result.allocated(), result.unallocated(), result.inputSha256(), parameters,
                result.nodes().stream().map(n -> new Node(n.nodeId(), n.calls(), n.ok(), n.credits(), n.selfDealt(),
                        n.quality(), n.weight(), n.reward())).toList());
    }

    /** @param parameters the settlement terms, or null for a run stored before its terms were */
    public static void write(Path file, long pool, long allocated, long unallocated, String inputSha256,
                             Map<String, String> parameters, List<Node> nodes) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pool", pool);
        result.put("allocated", allocated);
        result.put("unallocated", unallocated);
        result.put("input_sha256", inputSha256);
        if (parameters != null) {
            result.put("parameters", parameters);
        }
        result.put("nodes", nodes.stream().map(n -> {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("node_id", n.nodeId());
            node.put("calls", n.calls());
            node.put("ok", n.ok());
            node.put("credits", n.credits());
            node.put("self_dealt", n.selfDealt());
            node.put("quality", n.quality());
            node.put("weight", n.weight().setScale(18).toPlainString());
            node.put("reward", n.reward());
            return node;
        }).toList());
        try {
            Files.writeString(file, JSON.writeValueAsString(result) + "\n");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage());
        }
    }

    public static Recorded read(Path file) {
        JsonNode json;
        try {
            json = JSON.readTree(Files.readString(file));
        } catch (IOException | JacksonException e) {
            throw new IllegalArgumentException("cannot read " + file + " as JSON: " + e.getMessage());
        }
        if (json == null || !json.path("pool").isIntegralNumber()) {
            throw new IllegalArgumentException(file + " has no pool in base units");
        }
        JsonNode parameters = json.get("parameters");
        return new Recorded(json.get("pool").asLong(), parameters == null ? Optional.empty()
                : Optional.of(TermsJson.read(parameters.toString(), file + "'s parameters")));
    }
}
