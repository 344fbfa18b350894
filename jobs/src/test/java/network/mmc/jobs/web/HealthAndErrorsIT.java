package network.mmc.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** What callers learn from health and from errors: details only with an OPS key; no Java names, no internals. */
@ExtendWith(OutputCaptureExtension.class)
class HealthAndErrorsIT extends HubIntegrationTest {

    private static final String INTERNAL_MESSAGE = "connection to db-7.internal:3306 refused by network.mmc.Secret";

    @Autowired
    ApiKeys apiKeys;

    /** An endpoint that fails the way a bug or an outage does, for this test only. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FailingEndpoint {

        @Bean
        Broken broken() {
            return new Broken();
        }
    }

    @RestController
    static class Broken {

        @GetMapping("/api/test/broken")
        Map<String, String> fail() {
            throw new IllegalStateException(INTERNAL_MESSAGE);
        }
    }

    @Test
    void anonymousCallersSeeTheStatusOnlyOpsKeysSeeTheDetails() {
        HubClient.Response anonymous = hub().get("/actuator/health");
        HubClient.Response finance = hub().withKey(apiKeys.create(Role.FINANCE, "finance")).get("/actuator/health");
        HubClient.Response wrongKey = hub().withKey("mmc_0000").get("/actuator/health");
        JsonNode ops = hub().withKey(apiKeys.create(Role.OPS, "ops")).get("/actuator/health").body();

        for (HubClient.Response notOps : List.of(anonymous, finance, wrongKey)) {
            // the overall status, as OPS see it (DEGRADED here: this Hub has no authority key for exports)
            assertThat(notOps.body().get("status").asString()).isEqualTo(ops.get("status").asString());
            assertThat(notOps.body().propertyNames()).doesNotContain("components", "details");
            assertThat(notOps.text()).doesNotContain("instanceId", "scheduler", "path", "triggers");
        }
        assertThat(ops.get("status").asString()).isIn("UP", "DEGRADED");
        assertThat(ops.get("components").get("scheduler").get("details").has("instanceId")).isTrue();
        assertThat(ops.get("components").get("diskSpace").get("details").has("path")).isTrue();
        assertThat(hub().get("/actuator/health/scheduler").text()).doesNotContain("instanceId", "triggers");
    }

    @Test
    void anUnexpectedFailureIsA500WithAnIncidentIdAndNothingOfTheCause(CapturedOutput log) {
        HubClient.Response response = hub().get("/api/test/broken");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text()).doesNotContain("db-7", "network.mmc", "IllegalState", "Exception");
        String incident = response.body().get("incident").asString();
        assertThat(response.body().get("detail").asString()).isEqualTo("the Hub could not complete this request;"
                + " its operators find the cause in the log under incident " + incident);
        assertThat(log.getOut()).contains("incident " + incident, INTERNAL_MESSAGE);
    }

    @Test
    void aBodyOfTheWrongShapeIsDescribedInTheCallersTerms() {
        RawHttp http = new RawHttp(port);

        RawHttp.Response object = http.withBody("POST", "/api/nodes", "{\"publicKey\": {\"nested\": true}}", "");
        RawHttp.Response array = http.withBody("POST", "/api/nodes", "[1, 2]", "");
        RawHttp.Response empty = http.withBody("POST", "/api/nodes", "", "");

        assertThat(object.json().get("detail").asString()).isEqualTo("field 'publicKey' must be a string");
        assertThat(array.json().get("detail").asString()).isEqualTo("the request body must be a JSON object");
        assertThat(empty.json().get("detail").asString()).isEqualTo("the request body is missing or is not JSON");
        for (RawHttp.Response response : new RawHttp.Response[] {object, array, empty}) {
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.text()).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]").doesNotContain("`", "java");
        }
    }

    @Test
    void aMissingOrInsufficientKeyIsRefusedWithProblemJsonLikeEveryOtherRefusal() {
        RawHttp http = new RawHttp(port);
        String path = "/api/nodes/any-node/stake/history";

        RawHttp.Response missing = http.withBody("GET", path, "", "");
        RawHttp.Response weak = http.withBody("GET", path, "", "Authorization: Bearer "
                + apiKeys.create(Role.INGEST, "ingest") + "\r\n");

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.headers().get("www-authenticate")).isEqualTo("Bearer");
        assertThat(missing.json().get("detail").asString())
                .isEqualTo("a valid API key is required (Authorization: Bearer <key>)");
        assertThat(weak.status()).isEqualTo(403);
        assertThat(weak.json().get("detail").asString()).isEqualTo("this API key has role INGEST; the request needs FINANCE");
        for (RawHttp.Response refused : List.of(missing, weak)) {
            // JSON is UTF-8 by definition; a servlet writer left to itself declares ISO-8859-1
            assertThat(refused.headers().get("content-type")).isEqualTo("application/problem+json");
            assertThat(refused.json().get("instance").asString()).isEqualTo(path);
            assertThat(refused.json().get("status").asInt()).isEqualTo(refused.status());
        }
    }

    @Test
    void aMissingQueryParameterIsNamed() {
        RawHttp.Response response = new RawHttp(port).withBody("GET", "/api/settlements?to=2026-11-25T10:00:00Z", "",
                "Authorization: Bearer " + apiKeys.create(Role.FINANCE, "finance") + "\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("detail").asString()).isEqualTo("parameter 'from' is missing");
    }

    @Test
    void theActuatorIndexIsNotPublished() {
        assertThat(hub().get("/actuator").status()).isEqualTo(404);
        assertThat(hub().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void theErrorPathOpenedDirectlyIsNotFoundInProblemJson() {
        RawHttp.Response response = new RawHttp(port).withBody("GET", "/error", "", "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(response.json().get("detail").asString()).isEqualTo("there is nothing at /error");
    }
}
