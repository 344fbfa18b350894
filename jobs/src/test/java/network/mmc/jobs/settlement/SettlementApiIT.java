package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.support.HubClient;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The settlements REST API: finance reads runs and node lines, ops re-run a window; other keys are refused. */
class SettlementApiIT extends SettlementIntegrationTest {

    @Autowired
    ApiKeys apiKeys;

    @Test
    void financeReadsTheRunItsNodesPagedAndAsCsv() {
        SettlementWindow window = aWindowWithCalls();
        SettlementRun run = settlement.settle(window);
        HubClient finance = hub().withKey(apiKeys.create(Role.FINANCE, "finance"));

        JsonNode body = finance.get("/api/settlements/" + window.start()).body();
        assertThat(body.get("revision").asInt()).isEqualTo(1);
        assertThat(body.get("allocated").asLong()).isEqualTo(run.allocated());

        JsonNode page = finance.get("/api/settlements/" + window.start() + "/nodes?size=2&sort=reward&direction=desc").body();
        assertThat(page.get("total").asInt()).isEqualTo(6);
        assertThat(page.get("nodes")).hasSize(2);
        long first = page.get("nodes").get(0).get("reward").asLong();
        assertThat(first).isGreaterThanOrEqualTo(page.get("nodes").get(1).get("reward").asLong());

        HubClient.Response csv = finance.get("/api/settlements/" + window.start() + "/nodes.csv");
        assertThat(csv.text())
                .startsWith("node_id,owner_wallet,calls,ok,credits,self_dealt,quality,weight,reward_base_units\n");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=settlement-"
                + window.start().toString().substring(0, 13) + window.start().toString().substring(14, 16) + "Z-r1.csv");
        assertThat(csv.text().lines()).hasSize(7);

        assertThat(finance.get("/api/settlements/" + window.start() + "/nodes?sort=shoe_size").text())
                .contains("sort 'shoe_size' is not one of");
        HubClient.Response sideways = finance.get("/api/settlements/" + window.start() + "/nodes?direction=sideways");
        assertThat(sideways.status()).isEqualTo(400);
        assertThat(sideways.body().get("detail").asString()).isEqualTo("direction 'sideways' is not one of [asc, desc]");
        assertThat(hub().get("/api/settlements/" + window.start()).status()).isEqualTo(401);
        assertThat(hub().withKey(apiKeys.create(Role.INGEST, "ingest")).get("/api/settlements/" + window.start()).status())
                .isEqualTo(403);
    }

    @Test
    void decimalsInAnswersArePlainAndFreeOfFloatingPointNoise() {
        SettlementWindow window = aWindowWithCalls();
        settlement.settle(window);
        HubClient finance = hub().withKey(apiKeys.create(Role.FINANCE, "finance"));

        String run = finance.get("/api/settlements/" + window.start()).text();
        String nodes = finance.get("/api/settlements/" + window.start() + "/nodes?size=100").text();

        assertThat(run).containsPattern("\"cap\":(null|\\d+(\\.\\d{1,6})?)[,}]");
        Matcher decimals = Pattern.compile("\"(quality|usage|stakeFactor|raw|weight)\":([^,}]+)").matcher(nodes);
        int seen = 0;
        while (decimals.find()) {
            seen++;
            assertThat(decimals.group(2)).as(decimals.group()).matches(decimals.group(1).equals("weight")
                    ? "\\d+(\\.\\d*[1-9])?" : "\\d+(\\.\\d{0,5}[1-9])?");
        }
        assertThat(seen).isEqualTo(6 * 5);
    }

    @Test
    void opsRerunAWindowWithAReasonFinanceCannot() {
        SettlementWindow window = aWindowWithCalls();
        settlement.settle(window);
        Map<String, String> request = Map.of("reason", "late records", "operator", "alice");

        assertThat(hub().withKey(apiKeys.create(Role.FINANCE, "finance")).post("/api/settlements/" + window.start() + "/reruns",
                request).status()).isEqualTo(403);
        HubClient.Response rerun = hub().withKey(apiKeys.create(Role.OPS, "ops"))
                .post("/api/settlements/" + window.start() + "/reruns", request);

        assertThat(rerun.status()).isEqualTo(201);
        assertThat(rerun.body().get("revision").asInt()).isEqualTo(2);
        assertThat(rerun.body().get("reason").asString()).isEqualTo("late records");
        assertThat(hub().withKey(apiKeys.create(Role.OPS, "ops")).post("/api/settlements/" + window.start() + "/reruns",
                Map.of("operator", "alice")).text()).contains("needs a reason");
    }

    @Test
    void aRerunWithAnOverLongOrControlCharacterReasonIsRefusedStartingNothing() {
        SettlementWindow window = aWindowWithCalls();
        settlement.settle(window);
        HubClient ops = hub().withKey(apiKeys.create(Role.OPS, "ops"));
        long executionsBefore = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class);

        HubClient.Response longReason = ops.post("/api/settlements/" + window.start() + "/reruns",
                Map.of("reason", "x".repeat(501), "operator", "alice"));
        HubClient.Response longOperator = ops.post("/api/settlements/" + window.start() + "/reruns",
                Map.of("reason", "late records", "operator", "o".repeat(129)));
        HubClient.Response controls = ops.post("/api/settlements/" + window.start() + "/reruns",
                Map.of("reason", "late\u0000records", "operator", "alice\nbob"));

        assertThat(longReason.status()).isEqualTo(400);
        assertThat(longReason.body().get("detail").asString()).isEqualTo("reason is 501 characters long; at most 500 are allowed");
        assertThat(longOperator.status()).isEqualTo(400);
        assertThat(longOperator.body().get("detail").asString()).startsWith("operator is 129 characters long");
        assertThat(controls.status()).isEqualTo(400);
        assertThat(controls.body().get("detail").asString()).contains("control characters");
        assertThat(runs.latest(window).orElseThrow().revision()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION", Long.class)).isEqualTo(executionsBefore);
    }
}
