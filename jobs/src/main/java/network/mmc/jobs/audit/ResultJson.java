package network.mmc.jobs.audit;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import network.mmc.settlement.SettlementResult;
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

    public static void write(Path file, SettlementResult result) {
        write(file, result.pool(), result.allocated(), result.unallocated(), result.inputSha256(),
                result.nodes().stream().map(n -> new Node(n.nodeId(), n.calls(), n.ok(), n.credits(), n.selfDealt(),
                        n.quality(), n.weight(), n.reward())).toList());
    }

    public static void write(Path file, long pool, long allocated, long unallocated, String inputSha256, List<Node> nodes) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("pool", pool);
        result.put("allocated", allocated);
        result.put("unallocated", unallocated);
        result.put("input_sha256", inputSha256);
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
}
