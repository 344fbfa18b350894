package network.mmc.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.SettlementSettings;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.RawHttp;
import network.mmc.jobs.support.SettlementFixtures;
import network.mmc.jobs.support.TestNode;
import network.mmc.settlement.SettlementWindow;
import org.junit.jupiter.api.Test;
import org.p2p.solanaj.utils.Base58;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code /actuator/prometheus}: only with a FINANCE or OPS key, and its figures follow what the Hub does. */
class MetricsIT extends HubIntegrationTest {

    private static final String PROMETHEUS = "/actuator/prometheus";
    private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Autowired
    ApiKeys apiKeys;
    @Autowired
    SettlementSettings settings;

    @Test
    void theMetricsNeedAFinanceOrOpsKey() {
        RawHttp http = new RawHttp(port);

        RawHttp.Response anonymous = http.withBody("GET", PROMETHEUS, "", "");
        RawHttp.Response ingest = http.withBody("GET", PROMETHEUS, "", bearer(apiKeys.create(Role.INGEST, "ingest")));
        RawHttp.Response revoked = http.withBody("GET", PROMETHEUS, "", bearer(revokedKey()));
        HubClient.Response finance = hub().withKey(apiKeys.create(Role.FINANCE, "finance")).get(PROMETHEUS);
        HubClient.Response ops = hub().withKey(apiKeys.create(Role.OPS, "ops")).get(PROMETHEUS);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().get("www-authenticate")).isEqualTo("Bearer");
        assertThat(anonymous.json().get("detail").asString())
                .isEqualTo("a valid API key is required (Authorization: Bearer <key>)");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(ingest.status()).isEqualTo(403);
        assertThat(ingest.json().get("detail").asString()).isEqualTo("this API key has role INGEST; the request needs FINANCE");
        for (RawHttp.Response refused : List.of(anonymous, ingest, revoked)) {
            assertThat(refused.headers().get("content-type")).isEqualTo("application/problem+json");
            assertThat(refused.json().get("status").asInt()).isEqualTo(refused.status());
            assertThat(refused.json().get("instance").asString()).isEqualTo(PROMETHEUS);
            assertThat(refused.text()).doesNotContain("mmc_");
        }
        for (HubClient.Response allowed : List.of(finance, ops)) {
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
            assertThat(allowed.text()).contains("mmc_calls_ingested_total{", "mmc_probe_outcomes_total{",
                    "mmc_settlement_last_window_end_seconds ");
        }
    }

    @Test
    void anotherSpellingOfTheMetricsPathIsCheckedTheSame() {
        RawHttp http = new RawHttp(port);

        for (String path : List.of("/%61ctuator/prometheus", "/actuator/%70rometheus", "/actuator;x=1/prometheus",
                "/actuator/prometheus;x=1", "/actuator/./prometheus", "/api/../actuator/prometheus")) {
            RawHttp.Response response = http.withBody("GET", path, "", "");

            // 401 from the key check, or 400 where Spring Security's firewall refuses the path (';', '..') first
            assertThat(response.status()).as(path).isIn(400, 401);
            assertThat(response.text()).as(path).doesNotContain("mmc_");
        }
        // health stays public; an endpoint that is not exposed reveals nothing to anyone without an OPS key
        assertThat(http.withBody("GET", "/actuator/health", "", "").status()).isEqualTo(200);
        assertThat(http.withBody("GET", "/actuator/env", "", "").status()).isEqualTo(401);
        assertThat(http.withBody("GET", "/actuator/env", "", bearer(apiKeys.create(Role.FINANCE, "finance"))).status())
                .isEqualTo(403);
    }

    @Test
    void postedCallsAreCountedByWhatBecameOfThem() {
        // given
        String node = aRegisteredNode();
        List<Map<String, Object>> batch = new ArrayList<>();
        String prefix = "metrics-" + System.nanoTime();
        for (int i = 0; i < 3; i++) {
            batch.add(call(prefix + "-" + i, node));
        }
        batch.add(call(prefix + "-0", node));
        batch.add(call(prefix + "-unknown", "no-such-node"));
        HubClient ingest = hub().withKey(apiKeys.create(Role.INGEST, "ingest"));
        Map<String, Double> before = ingested();

        // when
        HubClient.Response first = ingest.post("/api/calls", batch);
        Map<String, Double> afterFirst = ingested();
        ingest.post("/api/calls", batch);
        Map<String, Double> afterSecond = ingested();

        // then
        assertThat(first.body().get("stored").asLong()).isEqualTo(3);
        assertThat(difference(before, afterFirst)).containsExactlyInAnyOrderEntriesOf(
                Map.of("rest/stored", 3.0, "rest/duplicate", 1.0, "rest/rejected", 1.0,
                        "import/stored", 0.0, "import/duplicate", 0.0, "import/rejected", 0.0));
        assertThat(difference(afterFirst, afterSecond)).containsEntry("rest/stored", 0.0)
                .containsEntry("rest/duplicate", 4.0).containsEntry("rest/rejected", 1.0);
    }

    @Test
    void aSettlementShowsInTheJobTimerAndAsTheLastSettledWindow() {
        // given: the latest window that is due
        Duration period = settings.period();
        SettlementWindow latestDue = SettlementWindow.containing(
                java.time.Instant.now().minus(settings.grace()).minus(period), period);
        SettlementFixtures.callsIn(latestDue, jdbc, loader);
        Map<String, String> completedSettlements = Map.of("spring_batch_job_name", "settlementJob",
                "spring_batch_job_status", "COMPLETED");
        double completedBefore = value(scrape(), "spring_batch_job_seconds_count", completedSettlements);

        // when
        if (runs.latest(latestDue).isEmpty()) {
            settlement.settle(latestDue);
        } else {
            settlement.rerun(latestDue, "metrics test", "metrics");
        }

        // then
        String metrics = scrape();
        // the latest completed window: this one, or a later one another test settled (a test clock may run ahead)
        Timestamp lastEnd = jdbc.queryForObject("SELECT MAX(window_end) FROM settlement_run WHERE status = 'COMPLETED'",
                Timestamp.class);
        assertThat(UtcTimestamps.toInstant(lastEnd)).isAfterOrEqualTo(latestDue.end());
        assertThat(value(metrics, "mmc_settlement_last_window_end_seconds", Map.of()))
                .isEqualTo(UtcTimestamps.toInstant(lastEnd).getEpochSecond());
        assertThat(value(metrics, "spring_batch_job_seconds_count", completedSettlements)).isEqualTo(completedBefore + 1);
        assertThat(value(metrics, "spring_batch_job_seconds_sum", completedSettlements)).isPositive();
    }

    private String scrape() {
        HubClient.Response response = hub().withKey(apiKeys.create(Role.OPS, "ops")).get(PROMETHEUS);
        assertThat(response.status()).isEqualTo(200);
        return response.text();
    }

    /** {@code mmc_calls_ingested_total} by "source/outcome". */
    private Map<String, Double> ingested() {
        Map<String, Double> counts = new HashMap<>();
        String metrics = scrape();
        for (String source : List.of("rest", "import")) {
            for (String outcome : List.of("stored", "duplicate", "rejected")) {
                counts.put(source + "/" + outcome,
                        value(metrics, "mmc_calls_ingested_total", Map.of("source", source, "outcome", outcome)));
            }
        }
        return counts;
    }

    private static Map<String, Double> difference(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> difference = new HashMap<>();
        after.forEach((key, value) -> difference.put(key, value - before.get(key)));
        return difference;
    }

    /** The value of the one series of {@code name} whose labels include {@code labels}; 0 when there is none. */
    private static double value(String metrics, String name, Map<String, String> labels) {
        List<Double> values = new ArrayList<>();
        for (String line : metrics.lines().toList()) {
            Matcher series = SERIES.matcher(line);
            if (line.startsWith("#") || !series.matches() || !series.group(1).equals(name)) {
                continue;
            }
            Map<String, String> held = new HashMap<>();
            Matcher label = LABEL.matcher(series.group(3) == null ? "" : series.group(3));
            while (label.find()) {
                held.put(label.group(1), label.group(2));
            }
            if (held.entrySet().containsAll(labels.entrySet())) {
                values.add(Double.parseDouble(series.group(4)));
            }
        }
        assertThat(values).as(name + " " + labels).hasSizeLessThanOrEqualTo(1);
        return values.isEmpty() ? 0 : values.get(0);
    }

    private String aRegisteredNode() {
        String node = TestNode.aWallet();
        jdbc.update("INSERT INTO node (node_id, public_key, kind, registered_at) VALUES (?, ?, 'COMPUTING', NOW(6))",
                node, Base58.decode(node));
        return node;
    }

    private static Map<String, Object> call(String eventId, String node) {
        return Map.of("event_id", eventId, "node_id", node, "caller_type", "API_USER", "status", "SUCCESS",
                "credits", 10);
    }

    private String revokedKey() {
        ApiKeys.IssuedKey key = apiKeys.issue(Role.OPS, "revoked");
        apiKeys.revoke(key.id());
        return key.secret();
    }

    private static String bearer(String key) {
        return "Authorization: Bearer " + key + "\r\n";
    }
}
