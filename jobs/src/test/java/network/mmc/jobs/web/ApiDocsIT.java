package network.mmc.jobs.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.RequiresRole;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.apiusers.ApiUsers;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.RawHttp;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestNode;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v3/api-docs} against the Hub itself: the operations Spring MVC maps under /api and nothing else, the role
 * each one really enforces, problem bodies for every refusal, and schemas that real answers fit.
 */
class ApiDocsIT extends HubIntegrationTest {

    private static final Map<Role, Role> A_ROLE_NOT_GRANTING = Map.of(Role.INGEST, Role.OPS, Role.OPS, Role.FINANCE,
            Role.FINANCE, Role.INGEST, Role.API_USER, Role.OPS);

    @Autowired
    ApiKeys apiKeys;
    @Autowired
    ApiUsers apiUsers;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    private JsonNode docs;

    @BeforeEach
    void readTheDocument() {
        HubClient.Response response = hub().get("/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        docs = response.body();
    }

    @Test
    void theDocumentHoldsEveryApiOperationTheHubMapsAndNoOtherPath() {
        Set<String> mapped = new TreeSet<>();
        handlers().forEach((operation, handler) -> mapped.add(operation));

        assertThat(docs.get("openapi").asString()).startsWith("3.1");
        assertThat(documentedOperations()).isEqualTo(mapped).contains("POST /api/calls", "GET /api/settlements",
                "PUT /api/nodes/{nodeId}/stake", "POST /api/jobs/{id}/restart");
        assertThat(docs.get("paths").propertyNames()).allMatch(path -> path.startsWith("/api/"));
        assertThat(hub().get("/swagger-ui.html").status()).isIn(200, 302);
        assertThat(hub().get("/swagger-ui/index.html").text()).contains("Swagger UI");
    }

    @Test
    void eachOperationNamesTheRoleTheHubEnforcesAndTheBearerScheme() {
        JsonNode scheme = docs.get("components").get("securitySchemes").get("apiKey");
        assertThat(scheme.get("type").asString()).isEqualTo("http");
        assertThat(scheme.get("scheme").asString()).isEqualTo("bearer");
        RawHttp http = new RawHttp(port);
        Map<Role, String> keys = new HashMap<>();
        for (Role role : Role.values()) {
            keys.put(role, role == Role.API_USER
                    ? apiUsers.create("docs-" + System.nanoTime(), TestNode.aWallet()).key().secret()
                    : apiKeys.create(role, "docs " + role));
        }

        handlers().forEach((name, handler) -> {
            JsonNode operation = operation(name);
            Role enforced = role(handler);
            String method = name.substring(0, name.indexOf(' '));
            String path = examplePath(name.substring(name.indexOf(' ') + 1));
            RawHttp.Response anonymous = http.withBody(method, path, "{}", "Content-Type: application/json\r\n");
            if (enforced == null) {
                assertThat(operation.has("x-required-role")).as(name).isFalse();
                assertThat(operation.has("security")).as(name).isFalse();
                assertThat(anonymous.status()).as(name).isNotIn(401, 403);
                return;
            }
            assertThat(operation.get("x-required-role").asString()).as(name).isEqualTo(enforced.name());
            assertThat(operation.get("security").get(0).has("apiKey")).as(name).isTrue();
            assertThat(operation.get("description").asString()).as(name).contains("Needs a");
            assertThat(operation.get("responses").propertyNames()).as(name).contains("401", "403");
            assertThat(anonymous.status()).as(name).isEqualTo(401);
            assertThat(http.withBody(method, path, "{}", "Content-Type: application/json\r\nAuthorization: Bearer "
                    + keys.get(A_ROLE_NOT_GRANTING.get(enforced)) + "\r\n").status()).as(name).isEqualTo(403);
        });
        assertThat(operation("PUT /api/nodes/{nodeId}/stake").get("x-required-role").asString()).isEqualTo("OPS");
        assertThat(operation("POST /api/calls").get("x-required-role").asString()).isEqualTo("INGEST");
        assertThat(operation("GET /api/settlements").get("x-required-role").asString()).isEqualTo("FINANCE");
        assertThat(operation("GET /api/nodes").has("x-required-role")).isFalse();
    }

    @Test
    void everyRefusalIsAProblemBodyAsTheHubWritesIt() {
        JsonNode problem = docs.get("components").get("schemas").get("Problem");
        Set<String> refusals = new HashSet<>();

        documentedOperations().forEach(name -> operation(name).get("responses").properties().forEach(response -> {
            if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                refusals.add(name + " " + response.getKey());
                JsonNode content = response.getValue().get("content");
                assertThat(content.propertyNames()).as(name + " " + response.getKey())
                        .containsExactly("application/problem+json");
                assertThat(content.get("application/problem+json").get("schema").get("$ref").asString())
                        .isEqualTo("#/components/schemas/Problem");
            }
        }));

        assertThat(refusals).contains("POST /api/calls 413", "GET /api/settlements/{window} 404",
                "POST /api/jobs/{id}/stop 409", "GET /api/settlements 400", "PUT /api/nodes/{nodeId}/stake 415",
                "GET /api/nodes 500", "POST /api/schedule/{name}/pause 400");
        assertThat(refusals).doesNotContain("GET /api/nodes 400", "GET /api/nodes/{nodeId} 400");
        RawHttp.Response notFound = new RawHttp(port).withBody("GET", "/api/nodes/no-such-node", "", "");
        assertThat(notFound.status()).isEqualTo(404);
        assertFits(notFound.json(), problem, "404");
        assertThat(problem.get("properties").propertyNames()).contains("type", "title", "status", "detail", "instance",
                "incident");
    }

    @Test
    void realAnswersFitTheirDocumentedSchemas() {
        // given
        SettlementWindow window = SettlementFixtures.aWindowWithCalls(jdbc, loader);
        settlement.settle(window);
        HubClient ops = hub().withKey(apiKeys.create(Role.OPS, "ops"));

        // then
        for (String path : List.of("/api/nodes", "/api/settlements/" + window.start(),
                "/api/settlements/" + window.start() + "/nodes", "/api/jobs?limit=5", "/api/schedule",
                "/api/settlements?from=" + window.start() + "&to=" + window.end())) {
            HubClient.Response answer = ops.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            String documented = "GET " + path.replaceAll("\\?.*", "").replace(window.start().toString(), "{window}");
            assertFits(answer.body(), operation(documented).get("responses").get("200").get("content")
                    .get("application/json").get("schema"), path);
        }
        JsonNode line = docs.get("components").get("schemas").get("NodeSettlementLine").get("properties");
        assertThat(line.get("weight").get("format").asString()).isEqualTo("decimal");
        assertThat(line.get("quality").get("format").asString()).isEqualTo("double");
        assertThat(line.get("reward").get("type").asString()).isEqualTo("integer");
    }

    /** Every field of the answer is documented with its JSON type, and every required field is there. */
    private void assertFits(JsonNode value, JsonNode schema, String where) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
            assertFits(value, docs.get("components").get("schemas").get(name), where);
            return;
        }
        Set<String> types = new HashSet<>();
        if (schema.get("type").isArray()) {
            schema.get("type").forEach(t -> types.add(t.asString()));
        } else {
            types.add(schema.get("type").asString());
        }
        if (value.isNull()) {
            assertThat(types).as(where + " is null").contains("null");
            return;
        }
        types.remove("null");
        String type = types.iterator().next();
        switch (type) {
            case "object" -> {
                assertThat(value.isObject()).as(where).isTrue();
                if (schema.has("properties")) {
                    assertThat(schema.get("properties").propertyNames()).as(where).containsAll(value.propertyNames());
                    value.properties().forEach(field -> assertFits(field.getValue(),
                            schema.get("properties").get(field.getKey()), where + "." + field.getKey()));
                }
                if (schema.has("required")) {
                    schema.get("required").forEach(required -> assertThat(value.has(required.asString())).as(where)
                            .isTrue());
                }
            }
            case "array" -> {
                assertThat(value.isArray()).as(where).isTrue();
                value.forEach(item -> assertFits(item, schema.get("items"), where + "[]"));
            }
            case "integer" -> assertThat(value.isIntegralNumber()).as(where).isTrue();
            case "number" -> assertThat(value.isNumber()).as(where).isTrue();
            case "boolean" -> assertThat(value.isBoolean()).as(where).isTrue();
            default -> assertThat(value.isString()).as(where + " is a " + type).isTrue();
        }
    }

    /** "GET /api/…" → its handler, for every operation Spring MVC maps under /api. */
    private Map<String, HandlerMethod> handlers() {
        Map<String, HandlerMethod> handlers = new HashMap<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
                if (path.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(method -> handlers.put(method + " " + path, handler));
                }
            }
        });
        return handlers;
    }

    private Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        docs.get("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> operations.add(method.toUpperCase() + " " + path.getKey())));
        return operations;
    }

    private JsonNode operation(String name) {
        String method = name.substring(0, name.indexOf(' ')).toLowerCase();
        return docs.get("paths").get(name.substring(name.indexOf(' ') + 1)).get(method);
    }

    private static Role role(HandlerMethod handler) {
        RequiresRole required = handler.getMethodAnnotation(RequiresRole.class);
        if (required == null) {
            required = handler.getBeanType().getAnnotation(RequiresRole.class);
        }
        return required == null ? null : required.value();
    }

    private static String examplePath(String template) {
        return template.replace("{window}", "2026-02-01T00:00Z").replace("{kind}", "report.html").replace("{id}", "1")
                .replaceAll("\\{[^}]+}", "x");
    }
}
