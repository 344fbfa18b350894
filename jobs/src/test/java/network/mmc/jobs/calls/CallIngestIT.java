package network.mmc.jobs.calls;

import static network.mmc.jobs.support.TestNode.aNode;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class CallIngestIT extends HubIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    CallFileImporter importer;

    private String nodeId;
    private HubClient ingest;

    @BeforeEach
    void registerANode() {
        TestNode node = aNode();
        hub().post("/api/nodes", node.registerRequest(NodeKind.COMPUTING, null));
        nodeId = node.id();
        ingest = hub().withKey(apiKeys.create(Role.INGEST, "test"));
    }

    private Map<String, Object> call(String eventId, String status, Object credits) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("event_id", eventId);
        call.put("node_id", nodeId);
        call.put("caller_type", "API_USER");
        call.put("caller_wallet", "U1");
        call.put("status", status);
        call.put("credits", credits);
        call.put("called_at", "2026-11-25T10:00:00Z");
        return call;
    }

    private long stored(String eventPrefix) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE event_id LIKE ?", Long.class, eventPrefix + "%");
    }

    @Test
    void restIngestKeepsGoodRowsReportsBadOnesAndIgnoresResentEvents() {
        String prefix = UUID.randomUUID().toString();
        List<Map<String, Object>> batch = new ArrayList<>();
        batch.add(call(prefix + "-1", "SUCCESS", 100));
        batch.add(call(prefix + "-2", "EXPLODED", 100));
        batch.add(call(prefix + "-3", "SUCCESS", -5));
        Map<String, Object> unknownNode = call(prefix + "-4", "SUCCESS", 1);
        unknownNode.put("node_id", "nobody");
        batch.add(unknownNode);
        batch.add(call(prefix + "-5", "FAILED", 0));

        HubClient.Response first = ingest.post("/api/calls", batch);
        HubClient.Response again = ingest.post("/api/calls", List.of(call(prefix + "-1", "SUCCESS", 100)));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("stored").asLong()).isEqualTo(2);
        assertThat(first.body().get("rejected").size()).isEqualTo(3);
        assertThat(first.text()).contains("status 'EXPLODED' is not one of", "credits must be >= 0", "unknown node 'nobody'");
        assertThat(first.body().get("rejected").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(again.body().get("stored").asLong()).isZero();
        assertThat(again.body().get("duplicates").asLong()).isEqualTo(1);
        assertThat(stored(prefix)).isEqualTo(2);
    }

    @Test
    void restIngestNeedsAnIngestKey() {
        assertThat(hub().post("/api/calls", List.of()).status()).isEqualTo(401);
        assertThat(hub().withKey(apiKeys.create(Role.FINANCE, "f")).post("/api/calls", List.of()).status()).isEqualTo(403);
    }

    @Test
    void importsACsvFileRejectingBadLinesByNumber(@TempDir Path dir) throws Exception {
        String p = UUID.randomUUID().toString();
        Path csv = dir.resolve("calls.csv");
        Files.writeString(csv, String.join("\n",
                "event_id,node_id,caller_type,caller_id,caller_wallet,task_type,status,credits,latency_ms,called_at",
                p + "-1," + nodeId + ",API_USER,u,U1,gemm,SUCCESS,120,35,2026-11-25T10:00:00Z",
                p + "-2," + nodeId + ",VALIDATOR,v,,probe,TIMEOUT,0,30000,",
                p + "-3," + nodeId + ",API_USER,u,U1,gemm,SUCCESS,12x,35,2026-11-25T10:00:00Z",
                p + "-4," + nodeId + ",API_USER,u,U1,gemm,SUCCESS,5,35,yesterday",
                p + "-5," + nodeId + ",API_USER,u,U1,gemm,SUCCESS",
                "," + nodeId + ",API_USER,u,U1,gemm,SUCCESS,5,35,",
                p + "-1," + nodeId + ",API_USER,u,U1,gemm,SUCCESS,120,35,2026-11-25T10:00:00Z",
                p + "-8," + nodeId + ",HUB,hub,,round,SUCCESS,200,,") + "\n");

        ImportSummary summary = importer.importFile(csv, new PrintStream(new ByteArrayOutputStream()));

        assertThat(summary.rowsRead()).isEqualTo(8);
        assertThat(summary.stored()).isEqualTo(3);
        assertThat(summary.duplicates()).isEqualTo(1);
        assertThat(summary.rejected()).isEqualTo(4);
        assertThat(stored(p)).isEqualTo(3);
        String rejects = Files.readString(summary.rejectsFile());
        assertThat(rejects).contains("4,credits '12x' is not a whole number", "5,called_at 'yesterday' is not",
                "6,\"has 7 columns, the header has 10\"", "7,event_id is missing");
    }

    @Test
    void importsNdjsonAndAReimportStoresNothingNew(@TempDir Path dir) throws Exception {
        String p = UUID.randomUUID().toString();
        Path ndjson = dir.resolve("calls.ndjson");
        Files.writeString(ndjson, String.join("\n",
                "{\"event_id\":\"" + p + "-1\",\"node_id\":\"" + nodeId + "\",\"caller_type\":\"API_USER\",\"status\":\"SUCCESS\",\"credits\":40}",
                "{\"event_id\":\"" + p + "-2\",\"node_id\":\"" + nodeId + "\",\"caller_type\":\"API_USER\",\"status\":\"WRONG_RESULT\",\"credits\":0}",
                "{not json",
                "{\"event_id\":\"" + p + "-4\",\"node_id\":\"" + nodeId + "\",\"caller_type\":\"ROBOT\",\"status\":\"SUCCESS\",\"credits\":1}"));

        ImportSummary first = importer.importFile(ndjson, new PrintStream(new ByteArrayOutputStream()));
        ImportSummary second = importer.importFile(ndjson, new PrintStream(new ByteArrayOutputStream()));

        assertThat(first.stored()).isEqualTo(2);
        assertThat(first.rejected()).isEqualTo(2);
        assertThat(second.stored()).isZero();
        assertThat(second.duplicates()).isEqualTo(2);
        assertThat(stored(p)).isEqualTo(2);
        assertThat(Files.readString(first.rejectsFile())).contains("3,is not valid JSON", "4,\"caller_type 'ROBOT'");
    }
}
