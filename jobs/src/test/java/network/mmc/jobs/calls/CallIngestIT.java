package network.mmc.jobs.calls;

import static network.mmc.jobs.support.TestNode.aNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.nodes.NodeKind;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.TestNode;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.p2p.solanaj.utils.Base58;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

class CallIngestIT extends HubIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PERIOD = Duration.ofHours(2);
    // within mmc.ingest.max-age of every test's receipt
    private static final String RECENTLY = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    @Autowired
    ApiKeys apiKeys;

    @Autowired
    CallFileImporter importer;

    private String nodeId;
    private HubClient ingest;
    private String ingestKey;
    private final String wallet = TestNode.aWallet();

    @BeforeEach
    void registerANode() {
        TestNode node = aNode();
        hub().post("/api/nodes", node.registerRequest(NodeKind.COMPUTING, null));
        nodeId = node.id();
        ingestKey = apiKeys.create(Role.INGEST, "test");
        ingest = hub().withKey(ingestKey);
    }

    private Map<String, Object> call(String eventId, String status, Object credits) {
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("event_id", eventId);
        call.put("node_id", nodeId);
        call.put("caller_type", "API_USER");
        call.put("caller_wallet", wallet);
        call.put("status", status);
        call.put("credits", credits);
        call.put("called_at", RECENTLY);
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
    void aKeyInUseIsMarkedUsedAtMostOnceAMinuteNotOnEveryBatch() {
        // given
        String label = "in use " + UUID.randomUUID();
        HubClient client = hub().withKey(apiKeys.create(Role.INGEST, label));
        Instant before = Instant.now();

        // when
        assertThat(client.post("/api/calls", List.of()).status()).isEqualTo(200);
        Instant firstUse = lastUsed(label);
        assertThat(client.post("/api/calls", List.of()).status()).isEqualTo(200);

        // then: written as UTC, the way the key's other times are read back
        assertThat(firstUse).isBetween(before.minusSeconds(1), Instant.now().plusSeconds(1));
        assertThat(lastUsed(label)).isEqualTo(firstUse);
    }

    private Instant lastUsed(String label) {
        return apiKeys.list().stream().filter(key -> key.getLabel().equals(label)).findFirst().orElseThrow()
                .getLastUsedAt();
    }

    @Test
    void importsACsvFileRejectingBadLinesByNumber(@TempDir Path dir) throws Exception {
        String p = UUID.randomUUID().toString();
        Path csv = dir.resolve("calls.csv");
        Files.writeString(csv, String.join("\n",
                "event_id,node_id,caller_type,caller_id,caller_wallet,task_type,status,credits,latency_ms,called_at",
                p + "-1," + nodeId + ",API_USER,u," + wallet + ",gemm,SUCCESS,120,35," + RECENTLY,
                p + "-2," + nodeId + ",VALIDATOR,v,,probe,TIMEOUT,0,30000,",
                p + "-3," + nodeId + ",API_USER,u," + wallet + ",gemm,SUCCESS,12x,35," + RECENTLY,
                p + "-4," + nodeId + ",API_USER,u," + wallet + ",gemm,SUCCESS,5,35,yesterday",
                p + "-5," + nodeId + ",API_USER,u," + wallet + ",gemm,SUCCESS",
                "," + nodeId + ",API_USER,u," + wallet + ",gemm,SUCCESS,5,35,",
                p + "-1," + nodeId + ",API_USER,u," + wallet + ",gemm,SUCCESS,120,35," + RECENTLY,
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

    private static Map<String, Object> with(Map<String, Object> call, String field, Object value) {
        call.put(field, value);
        return call;
    }

    private Map<String, Object> storedRow(String eventId) {
        return jdbc.queryForMap("SELECT event_id, task_type, caller_wallet, credits, latency_ms,"
                + " DATE_FORMAT(called_at, '%Y-%m-%d %H:%i:%s.%f') AS called_at FROM call_record WHERE event_id = ?", eventId);
    }

    private static Map<Long, String> reasonsByLine(HubClient.Response response) {
        Map<Long, String> reasons = new LinkedHashMap<>();
        response.body().get("rejected").forEach(r -> reasons.put(r.get("line").asLong(), r.get("reason").asString()));
        return reasons;
    }

    /** The rejects file, read back as CSV: reason by line number. */
    private static Map<Long, String> rejects(ImportSummary summary) throws Exception {
        Map<Long, String> reasons = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(summary.rejectsFile());
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = CsvLine.split(line);
            reasons.put(Long.parseLong(fields.get(0)), fields.get(1));
        }
        return reasons;
    }

    private record RawResponse(int status, String contentType, String body) {
    }

    private RawResponse postRaw(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/calls"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + ingestKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        return new RawResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    private String jsonArrayOf(String prefix, int records) {
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < records; i++) {
            body.append(i == 0 ? "" : ",").append(JSON.writeValueAsString(call(prefix + "-" + i, "SUCCESS", 1)));
        }
        return body.toString();
    }

    @Test
    void restIngestRefusesCreditsAboveTheCeilingAndStoresTheCeilingItself() {
        String p = UUID.randomUUID().toString();

        HubClient.Response response = ingest.post("/api/calls", List.of(
                call(p + "-ceiling", "SUCCESS", 1_000_000),
                call(p + "-over", "SUCCESS", 1_000_001),
                call(p + "-huge-1", "SUCCESS", Long.MAX_VALUE),
                call(p + "-huge-2", "SUCCESS", Long.MAX_VALUE),
                call(p + "-beyond-long", "SUCCESS", new BigInteger("9223372036854775808"))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(reasonsByLine(response)).containsExactly(
                entry(2L, "credits must be at most 1000000 (mmc.ingest.max-credits), got 1000001"),
                entry(3L, "credits must be at most 1000000 (mmc.ingest.max-credits), got 9223372036854775807"),
                entry(4L, "credits must be at most 1000000 (mmc.ingest.max-credits), got 9223372036854775807"),
                entry(5L, "credits must be at most 1000000 (mmc.ingest.max-credits), got a number of 19 digits"));
        assertThat(stored(p)).isEqualTo(1);
        assertThat(storedRow(p + "-ceiling").get("credits")).isEqualTo(1_000_000L);
    }

    @Test
    void fileImportsRefuseCreditsAboveTheCeiling(@TempDir Path dir) throws Exception {
        String p = UUID.randomUUID().toString();
        Path csv = dir.resolve("calls.csv");
        Files.writeString(csv, CallField.CSV_HEADER + "\n"
                + p + "-c1," + nodeId + ",API_USER,u,,gemm,SUCCESS,9223372036854775807,1,\n"
                + p + "-c2," + nodeId + ",API_USER,u,,gemm,SUCCESS,1000000,1,\n");
        Path ndjson = dir.resolve("calls.ndjson");
        Files.writeString(ndjson, "{\"event_id\":\"" + p + "-n1\",\"node_id\":\"" + nodeId
                + "\",\"caller_type\":\"HUB\",\"status\":\"SUCCESS\",\"credits\":9223372036854775807}\n");

        ImportSummary fromCsv = importer.importFile(csv, new PrintStream(new ByteArrayOutputStream()));
        ImportSummary fromNdjson = importer.importFile(ndjson, new PrintStream(new ByteArrayOutputStream()));

        assertThat(fromCsv.stored()).isEqualTo(1);
        assertThat(rejects(fromCsv)).containsExactly(
                entry(2L, "credits must be at most 1000000 (mmc.ingest.max-credits), got 9223372036854775807"));
        assertThat(fromNdjson.stored()).isZero();
        assertThat(rejects(fromNdjson)).containsExactly(
                entry(1L, "credits must be at most 1000000 (mmc.ingest.max-credits), got 9223372036854775807"));
        assertThat(stored(p)).isEqualTo(1);
    }

    @Test
    void restIngestRefusesByNameEveryValueItCouldNotStoreExactly() {
        String p = UUID.randomUUID().toString();
        byte[] shortKey = new byte[31];
        shortKey[0] = 1;
        List<Object> batch = new ArrayList<>();
        batch.add(call(p + "-x", "SUCCESS", 1));
        batch.add(call(p + "-x ", "SUCCESS", 1));
        batch.add(call(" " + p + "-y", "SUCCESS", 1));
        batch.add(with(call(p + "-4", "SUCCESS", 1), "task_type", "t".repeat(65)));
        batch.add(with(call(p + "-5", "SUCCESS", 1), "called_at", "+10000-01-01T00:00:00Z"));
        batch.add(with(call(p + "-6", "SUCCESS", 1), "event_id", Map.of("id", p + "-6")));
        batch.add(with(call(p + "-7", "SUCCESS", 1), "caller_wallet", "U1"));
        batch.add(with(call(p + "-8", "SUCCESS", 1), "caller_wallet", Base58.encode(shortKey)));
        batch.add(call(p + "-9,\"=cmd\"", "SUCCESS", 1));
        batch.add(with(call(p + "-10", "SUCCESS", 1), "caller_id", "a,b"));
        batch.add(with(call(p + "-11", "SUCCESS", 1), "node_id", nodeId + " "));
        batch.add(with(call(p + "-12", "SUCCESS", 1), "credits", "7"));
        batch.add(with(call(p + "-13", "SUCCESS", 1), "credits", 1.5));
        batch.add(with(call(p + "-14", "SUCCESS", 1), "latency_ms", 2_147_483_648L));
        batch.add(with(call(p + "-15", "SUCCESS", 1), "called_at", "2026-11-25T10:00:00.123456789Z"));
        batch.add(with(call(p + "-16", "SUCCESS", 1), "recorded_at", "2026-11-25T10:00:00Z"));
        batch.add(p + "-17");
        batch.add(with(call(p + "-18", "SUCCESS", 1), "event_id", p + "-18\u0000"));
        batch.add(with(call(p + "-19", "SUCCESS", 1), "event_id", "e".repeat(129)));
        batch.add(with(call(p + "-20", "SUCCESS", 1), "task_type", "gemm 1024"));

        HubClient.Response response = ingest.post("/api/calls", batch);

        assertThat(response.status()).isEqualTo(200);
        assertThat(reasonsByLine(response)).containsExactly(
                entry(2L, "event_id may only contain A-Z a-z 0-9 . _ : -; it has a space at position 39"),
                entry(3L, "event_id may only contain A-Z a-z 0-9 . _ : -; it has a space at position 1"),
                entry(4L, "task_type is 65 characters, at most 64"),
                entry(5L, "called_at '+10000-01-01T00:00:00Z' is outside the years 1000 to 9999 (UTC)"),
                entry(6L, "event_id must be a JSON string, not an object"),
                entry(7L, "caller_wallet 'U1' is not a Solana address: it must decode to 32 bytes, not 2"),
                entry(8L, "caller_wallet '" + Base58.encode(shortKey) + "' is not a Solana address: it must decode"
                        + " to 32 bytes, not 31"),
                entry(9L, "event_id may only contain A-Z a-z 0-9 . _ : -; it has ',' at position 39"),
                entry(10L, "caller_id may only contain A-Z a-z 0-9 . _ : -; it has ',' at position 2"),
                entry(11L, "node_id may only contain A-Z a-z 0-9 . _ : -; it has a space at position "
                        + (nodeId.length() + 1)),
                entry(12L, "credits must be a JSON number, not a string"),
                entry(13L, "credits must be a whole number, got 1.5"),
                entry(14L, "latency_ms must be at most 2147483647, got 2147483648"),
                entry(15L, "called_at '2026-11-25T10:00:00.123456789Z' is finer than a microsecond, which is as"
                        + " fine as it is stored"),
                entry(16L, "has an unknown field 'recorded_at'"),
                entry(17L, "is a string, not a JSON object"),
                entry(18L, "event_id may only contain A-Z a-z 0-9 . _ : -; it has a control character at position 40"),
                entry(19L, "event_id is 129 characters, at most 128"),
                entry(20L, "task_type may only contain A-Z a-z 0-9 . _ : -; it has a space at position 5"));
        assertThat(response.body().get("stored").asLong()).isEqualTo(1);
        assertThat(stored(p)).isEqualTo(1);
        assertThat(stored(" " + p)).isZero();
    }

    @Test
    void valuesThatFillTheirColumnsExactlyAreStoredAsSent() {
        String p = UUID.randomUUID().toString();
        String eventId = (p + "-").repeat(4).substring(0, 128);
        Map<String, Object> call = call(eventId, "SUCCESS", 1);
        call.put("task_type", "t".repeat(64));
        call.put("caller_id", "c".repeat(128));
        call.put("latency_ms", Integer.MAX_VALUE);
        // the latest time accepted is now plus mmc.ingest.max-future-skew; the column keeps all six digits
        Instant lastMicro = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusNanos(999_999_000);
        call.put("called_at", lastMicro.toString());

        HubClient.Response response = ingest.post("/api/calls", List.of(call));

        assertThat(response.body().get("stored").asLong()).as(response.text()).isEqualTo(1);
        assertThat(storedRow(eventId)).containsEntry("task_type", "t".repeat(64))
                .containsEntry("caller_wallet", wallet)
                .containsEntry("latency_ms", Integer.MAX_VALUE)
                .containsEntry("called_at", lastMicro.toString().replace('T', ' ').replace("Z", ""));
    }

    @Test
    void fileImportsRefuseByNameWhatTheyCouldNotStoreExactly(@TempDir Path dir) throws Exception {
        String p = UUID.randomUUID().toString();
        Path csv = dir.resolve("calls.csv");
        String row = "," + nodeId + ",API_USER,u," + wallet + ",gemm,SUCCESS,1,1," + RECENTLY + "\n";
        Files.writeString(csv, CallField.CSV_HEADER + "\n"
                + p + "-x" + row
                + p + "-x " + row
                + "\"" + p + "-\"\"q\"\"\"" + row
                + p + "-4," + nodeId + ",API_USER,u," + wallet + "," + "t".repeat(65) + ",SUCCESS,1,1,\n"
                + p + "-5," + nodeId + ",API_USER,u,U1,gemm,SUCCESS,1,1,\n"
                + p + "-6," + nodeId + ",API_USER,u," + wallet + ",gemm,SUCCESS,1,1,+10000-01-01T00:00:00Z\n");
        Path ndjson = dir.resolve("calls.ndjson");
        Files.writeString(ndjson, String.join("\n",
                "{\"event_id\":{\"a\":1},\"node_id\":\"" + nodeId + "\",\"caller_type\":\"HUB\",\"status\":\"SUCCESS\",\"credits\":1}",
                "{\"event_id\":\"" + p + "-n2\",\"node_id\":\"" + nodeId + "\",\"caller_type\":\"HUB\",\"status\":\"SUCCESS\",\"credits\":\"7\"}",
                "{\"event_id\":\"" + p + "-n3\",\"event_id\":\"" + p + "-n3b\",\"node_id\":\"" + nodeId + "\",\"caller_type\":\"HUB\",\"status\":\"SUCCESS\",\"credits\":1}",
                "{\"event_id\":\"" + p + "-n4\",\"node_id\":\"" + nodeId + "\",\"caller_type\":\"HUB\",\"status\":\"SUCCESS\",\"credits\":1} {}"));

        ImportSummary fromCsv = importer.importFile(csv, new PrintStream(new ByteArrayOutputStream()));
        ImportSummary fromNdjson = importer.importFile(ndjson, new PrintStream(new ByteArrayOutputStream()));

        assertThat(fromCsv.stored()).isEqualTo(1);
        assertThat(fromCsv.duplicates()).isZero();
        assertThat(rejects(fromCsv)).containsExactly(
                entry(3L, "event_id may only contain A-Z a-z 0-9 . _ : -; it has a space at position 39"),
                entry(4L, "event_id may only contain A-Z a-z 0-9 . _ : -; it has '\"' at position 38"),
                entry(5L, "task_type is 65 characters, at most 64"),
                entry(6L, "caller_wallet 'U1' is not a Solana address: it must decode to 32 bytes, not 2"),
                entry(7L, "called_at '+10000-01-01T00:00:00Z' is outside the years 1000 to 9999 (UTC)"));
        assertThat(fromNdjson.stored()).isZero();
        assertThat(rejects(fromNdjson)).containsExactly(
                entry(1L, "event_id must be a JSON string, not an object"),
                entry(2L, "credits must be a JSON number, not a string"),
                entry(3L, "event_id is given twice"),
                entry(4L, "goes on after its JSON object"));
        assertThat(stored(p)).isEqualTo(1);
    }

    @Test
    void aBatchOverTheLimitIsRefusedWith413BeforeTheRestOfTheBodyIsRead() throws Exception {
        String p = UUID.randomUUID().toString();
        // a parser that read on would meet this tail and answer 400; it must stop at record 10 001 with 413
        String body = jsonArrayOf(p, 10_001) + ", this is never read";

        RawResponse response = postRaw(body);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(JSON.readTree(response.body()).get("detail").asString())
                .isEqualTo("a batch holds at most 10000 call records (mmc.ingest.max-batch); this one has more."
                        + " Nothing was stored: send it in smaller batches");
        assertThat(stored(p)).isZero();
    }

    @Test
    void aBatchOfExactlyTheLimitIsStored() throws Exception {
        String p = UUID.randomUUID().toString();

        RawResponse response = postRaw(jsonArrayOf(p, 10_000) + "]");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(stored(p)).isEqualTo(10_000);
    }

    @Test
    void aBodyThatIsNotAJsonArrayIsABadRequest() throws Exception {
        RawResponse object = postRaw("{\"event_id\":\"e\"}");
        RawResponse broken = postRaw("[{\"event_id\":");

        assertThat(object.status()).isEqualTo(400);
        assertThat(JSON.readTree(object.body()).get("detail").asString())
                .isEqualTo("the request body must be a JSON array of call records");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(JSON.readTree(broken.body()).get("detail").asString()).startsWith("the request body is not valid JSON");
    }

    @Test
    void aCsvFileStartingWithAByteOrderMarkImports(@TempDir Path dir) throws Exception {
        String p = UUID.randomUUID().toString();
        Path csv = dir.resolve("calls.csv");
        Files.writeString(csv, "\uFEFF" + CallField.CSV_HEADER + "\n"
                + p + "-1," + nodeId + ",HUB,hub,,round,SUCCESS,200,,\n");

        ImportSummary summary = importer.importFile(csv, new PrintStream(new ByteArrayOutputStream()));

        assertThat(summary.stored()).isEqualTo(1);
        assertThat(stored(p)).isEqualTo(1);
    }

    private static Instant windowOf(Instant instant) {
        return SettlementWindow.containing(instant, PERIOD).start();
    }

    @Test
    void restIngestNamesItsPolicyAndCountsPerWindowTheRecordsMadeInAnotherWindow() {
        String p = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant threeHoursAgo = now.minus(Duration.ofHours(3));
        Instant yesterday = now.minus(Duration.ofHours(26));

        HubClient.Response response = ingest.post("/api/calls", List.of(
                with(call(p + "-1", "SUCCESS", 1), "called_at", threeHoursAgo.toString()),
                with(call(p + "-2", "SUCCESS", 1), "called_at", threeHoursAgo.plusSeconds(1).toString()),
                with(call(p + "-3", "SUCCESS", 1), "called_at", yesterday.toString()),
                call(p + "-4", "SUCCESS", 1),
                with(call(p + "-5", "SUCCESS", 1), "called_at", null)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("stored").asLong()).isEqualTo(5);
        assertThat(response.body().get("policy").asString()).isEqualTo("receipt-time");
        List<String> windows = new ArrayList<>();
        response.body().get("datedInOtherWindows").forEach(w ->
                windows.add(w.get("windowStart").asString() + "=" + w.get("records").asLong()));
        assertThat(windows).containsExactly(windowOf(yesterday) + "=1", windowOf(threeHoursAgo) + "=2");
    }

    @Test
    void recordsMadeTooFarAheadOrTooLongAgoAreRefusedWithTheLimit(@TempDir Path dir) throws Exception {
        String p = UUID.randomUUID().toString();
        String tooOld = Instant.now().minus(Duration.ofDays(8)).truncatedTo(ChronoUnit.SECONDS).toString();
        Path csv = dir.resolve("calls.csv");
        Files.writeString(csv, CallField.CSV_HEADER + "\n"
                + p + "-f1," + nodeId + ",HUB,hub,,round,SUCCESS,200,,2099-01-01T00:00:00Z\n"
                + p + "-f2," + nodeId + ",HUB,hub,,round,SUCCESS,200,," + tooOld + "\n"
                + p + "-f3," + nodeId + ",HUB,hub,,round,SUCCESS,200,,\n");

        HubClient.Response response = ingest.post("/api/calls", List.of(
                with(call(p + "-r1", "SUCCESS", 1), "called_at", "2099-01-01T00:00:00Z"),
                with(call(p + "-r2", "SUCCESS", 1), "called_at", tooOld)));
        ImportSummary summary = importer.importFile(csv, new PrintStream(new ByteArrayOutputStream()));

        assertThat(reasonsByLine(response)).hasSize(2).hasEntrySatisfying(1L, reason -> assertThat(reason)
                .startsWith("called_at '2099-01-01T00:00:00Z' is more than mmc.ingest.max-future-skew (PT5M) after its"
                        + " receipt at "))
                .hasEntrySatisfying(2L, reason -> assertThat(reason).startsWith("called_at '" + tooOld
                        + "' is more than mmc.ingest.max-age (PT168H) before its receipt at "));
        assertThat(summary.stored()).as("a record without called_at is still accepted").isEqualTo(1);
        assertThat(rejects(summary)).hasSize(2).hasEntrySatisfying(2L, reason -> assertThat(reason)
                        .contains("mmc.ingest.max-future-skew"))
                .hasEntrySatisfying(3L, reason -> assertThat(reason).contains("mmc.ingest.max-age"));
        assertThat(stored(p)).isEqualTo(1);
    }

    @Test
    void aFileImportSaysPerWindowHowManyRecordsWereMadeInAnotherWindow(@TempDir Path dir) throws Exception {
        String p = UUID.randomUUID().toString();
        Instant fiveHoursAgo = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
        Path csv = dir.resolve("calls.csv");
        Files.writeString(csv, CallField.CSV_HEADER + "\n"
                + p + "-1," + nodeId + ",HUB,hub,,round,SUCCESS,200,," + fiveHoursAgo + "\n"
                + p + "-2," + nodeId + ",HUB,hub,,round,SUCCESS,200,," + fiveHoursAgo.plusSeconds(2) + "\n"
                + p + "-3," + nodeId + ",HUB,hub,,round,SUCCESS,200,," + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n");

        ImportSummary summary = importer.importFile(csv, new PrintStream(new ByteArrayOutputStream()));

        assertThat(summary.policy()).isEqualTo(IngestPolicy.RECEIPT_TIME);
        assertThat(summary.datedInOtherWindows()).containsExactly(new WindowCount(windowOf(fiveHoursAgo), 2));
        assertThat(summary.backfilled()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM call_record WHERE event_id LIKE ? AND recorded_at >= ?",
                Long.class, p + "%", UtcTimestamps.of(windowOf(Instant.now())))).as("counted where received")
                .isEqualTo(3);
    }
}
