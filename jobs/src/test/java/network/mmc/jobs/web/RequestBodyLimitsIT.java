package network.mmc.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Request bodies over their endpoint's limit are refused with 413 before they are parsed, declared or chunked. */
class RequestBodyLimitsIT extends HubIntegrationTest {

    private static final long FIFTY_MB = 50L * 1024 * 1024;

    @Autowired
    ApiKeys apiKeys;

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedWithoutWaitingForIt() {
        RawHttp.Response response = new RawHttp(port).declaringLength("POST", "/api/nodes", FIFTY_MB, "");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString())
                .isEqualTo("the request body is larger than 16384 bytes, the limit of this endpoint (mmc.web.max-body-size)");
    }

    @Test
    void aChunkedBodyIsCountedAsItIsReadAndRefusedPastTheLimit() {
        long nodes = jdbc.queryForObject("SELECT COUNT(*) FROM node", Long.class);

        // valid JSON all the way: only its size is wrong
        RawHttp.Response response = new RawHttp(port).chunked("POST", "/api/nodes", "{\"publicKey\":\"",
                "a".repeat(1024), 64, "");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.json().get("detail").asString()).contains("larger than 16384 bytes", "mmc.web.max-body-size");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM node", Long.class)).isEqualTo(nodes);
    }

    @Test
    void callBatchesHaveTheirOwnLargerLimit() {
        String ingest = "Authorization: Bearer " + apiKeys.create(Role.INGEST, "ingest") + "\r\n";
        String record = "{\"event_id\":\"limits-%d\",\"node_id\":\"no-such-node\",\"caller_type\":\"API_USER\","
                + "\"status\":\"SUCCESS\",\"credits\":1}";
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 1_000; i++) {
            batch.append(i == 0 ? "" : ",").append(record.formatted(i));
        }
        RawHttp http = new RawHttp(port);

        RawHttp.Response large = http.withBody("POST", "/api/calls", batch.append(']').toString(), ingest);
        RawHttp.Response tooLarge = http.declaringLength("POST", "/api/calls", 17L * 1024 * 1024, ingest);
        RawHttp.Response elsewhere = http.declaringLength("POST", "/api/calls/", 17L * 1024 * 1024, ingest);

        assertThat(batch.length()).isGreaterThan(16 * 1024);
        assertThat(large.status()).isEqualTo(200);
        assertThat(large.json().get("received").asInt()).isEqualTo(1_000);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("detail").asString()).isEqualTo("the request body is larger than 16777216 bytes,"
                + " the limit of POST /api/calls (mmc.web.max-calls-body-size)");
        assertThat(elsewhere.json().get("detail").asString()).contains("16384 bytes");
    }
}
