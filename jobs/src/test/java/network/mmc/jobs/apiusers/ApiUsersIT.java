package network.mmc.jobs.apiusers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.apikeys.Role;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.RawHttp;
import network.mmc.jobs.support.TestNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Credits over REST (OPS grant, FINANCE read, each user its own) and how a task request is refused before it runs. */
class ApiUsersIT extends HubIntegrationTest {

    @Autowired
    ApiUsers users;
    @Autowired
    ApiKeys keys;

    @Test
    void opsGrantCreditsFinanceReadsThemAndAUserSeesOnlyItsOwn() {
        ApiUsers.Created alice = users.create("rest-alice-" + System.nanoTime(), TestNode.aWallet());
        HubClient ops = hub().withKey(keys.create(Role.OPS, "grants"));
        HubClient finance = hub().withKey(keys.create(Role.FINANCE, "reads"));
        String path = "/api/users/" + alice.user().name() + "/credits";

        HubClient.Response granted = ops.post(path, Map.of("amount", 1_500, "reason", "pilot"));

        assertThat(granted.status()).as(granted.text()).isEqualTo(201);
        assertThat(granted.body().get("credits").get("balance").asLong()).isEqualTo(1_500);
        assertThat(granted.body().get("entries").get(0).get("createdBy").asString()).startsWith("api key ")
                .endsWith("(grants)");
        assertThat(finance.post(path, Map.of("amount", 1, "reason", "x")).status()).isEqualTo(403);
        assertThat(hub().withKey(alice.key().secret()).post(path, Map.of("amount", 1, "reason", "x")).status())
                .isEqualTo(403);
        JsonAssert read = new JsonAssert(finance.get(path));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text()).contains("\"granted\":1500", "\"held\":0", "\"spent\":0", "\"kind\":\"GRANT\"",
                "\"reason\":\"pilot\"", "\"wallet\":\"" + alice.user().wallet() + "\"");
        assertThat(hub().withKey(alice.key().secret()).get("/api/credits").body().get("credits").get("balance").asLong())
                .isEqualTo(1_500);
        assertThat(ops.get("/api/credits").status()).as("OPS has no own credits").isEqualTo(403);
        assertThat(ops.post("/api/users/nobody-" + System.nanoTime() + "/credits", Map.of("amount", 1, "reason", "x"))
                .status()).isEqualTo(404);
        assertThat(ops.post(path, Map.of("amount", -5, "reason", "x")).body().get("detail").asString())
                .isEqualTo("amount -5 must be a whole number of credits from 1 to 1000000000000");
        assertThat(ops.post(path, Map.of("amount", "5", "reason", "x")).status()).isEqualTo(400);
        assertThat(finance.get(path + "?limit=0").body().get("detail").asString())
                .isEqualTo("limit 0 must be from 1 to 1000");
    }

    @Test
    void aTaskRequestIsCheckedBeforeAnythingIsHeldNamingWhatIsWrong() {
        ApiUsers.Created bob = users.create("rest-bob-" + System.nanoTime(), TestNode.aWallet());
        HubClient client = hub().withKey(bob.key().secret());

        assertThat(detail(client.post("/api/tasks", Map.of("products", List.of()))))
                .isEqualTo("kind is missing: one of [GEMM, MLP_INFERENCE, TRAINING]");
        assertThat(detail(client.post("/api/tasks", Map.of("kind", "SORT"))))
                .startsWith("field 'kind' must be one of [GEMM, MLP_INFERENCE, TRAINING]");
        assertThat(detail(client.post("/api/tasks", Map.of("kind", "GEMM", "products", List.of(Map.of(
                "a", List.of(List.of(1, "2")), "b", List.of(List.of(1), List.of(2))))))))
                .isEqualTo("field 'products[0].a[0][1]' must be a number");
        assertThat(detail(client.post("/api/tasks", Map.of("kind", "GEMM", "colour", "red"))))
                .startsWith("unknown field 'colour'");
        assertThat(detail(client.post("/api/tasks", Map.of("kind", "GEMM", "deadline", "2020-01-01T00:00:00Z",
                "products", List.of(Map.of("seed", "01", "m", 1, "k", 1, "n", 1))))))
                .isEqualTo("deadline 2020-01-01T00:00:00Z has passed");
        assertThat(detail(client.post("/api/tasks", Map.of("kind", "GEMM", "products", List.of(Map.of("seed", "01",
                "m", 1, "k", 9000, "n", 1))))))
                .isEqualTo("products[0].k = 9000 must be from 1 to 4096 (mmc.tasks.gemm.max-size)");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM credit_entry WHERE api_user_id = ?", Long.class,
                bob.user().id())).isZero();
    }

    @Test
    void aTaskBodyMayBeLargerThanOtherBodiesUpToItsOwnLimit() {
        ApiUsers.Created carol = users.create("rest-carol-" + System.nanoTime(), TestNode.aWallet());
        RawHttp http = new RawHttp(port);
        String auth = "Authorization: Bearer " + carol.key().secret() + "\r\nContent-Type: application/json\r\n";
        // 64 x 64 written out: about 20 KB, over the 16 KB of other endpoints
        StringBuilder rows = new StringBuilder("[");
        for (int row = 0; row < 64; row++) {
            rows.append(row == 0 ? "" : ",").append("[").append("1.25,".repeat(63)).append("1.25]");
        }
        String matrix = rows.append("]").toString();
        String task = "{\"kind\":\"GEMM\",\"products\":[{\"a\":" + matrix + ",\"b\":" + matrix + "}]}";

        RawHttp.Response answer = http.withBody("POST", "/api/tasks", task, auth);
        RawHttp.Response tooLarge = http.declaringLength("POST", "/api/tasks", 8L * 1024 * 1024 + 1, auth);

        assertThat(task.length()).isGreaterThan(16 * 1024);
        assertThat(answer.status()).as(answer.text()).isEqualTo(402);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("detail").asString()).isEqualTo("the request body is larger than 8388608 bytes,"
                + " the limit of POST /api/tasks (mmc.web.max-tasks-body-size)");
    }

    private static String detail(HubClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(400);
        return response.body().get("detail").asString();
    }

    /** A response read as text, to check fields wherever they are. */
    private record JsonAssert(int status, String text) {
        JsonAssert(HubClient.Response response) {
            this(response.status(), response.text());
        }
    }
}
