package network.mmc.jobs.rewards;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import network.mmc.jobs.support.HubClient;
import network.mmc.jobs.support.HubIntegrationTest;
import network.mmc.jobs.support.RewardReruns;
import network.mmc.jobs.support.TestNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/rewards/{wallet}}: each window once, at its latest revision, with its ledger entries under it. */
class RewardHistoryIT extends HubIntegrationTest {

    @Test
    void theHistoryShowsEachWindowOnceAtItsLatestRevisionAndSumsToSettledAfterRerunsUpAndDown() {
        // given
        RewardReruns reruns = RewardReruns.create(jdbc, loader, settlement, runs);
        List<Long> amounts = reruns.rerunAmounts();
        assertThat(amounts.get(1)).as("revision 2 raises the wallet").isGreaterThan(amounts.get(0));
        assertThat(amounts.get(2)).as("revision 3 lowers it").isLessThan(amounts.get(1)).isPositive();
        assertThat(amounts.get(3)).as("revision 4 takes it to 0").isZero();
        assertThat(amounts.get(4)).as("revision 5 raises it again").isPositive();

        // when
        HubClient.Response response = hub().get("/api/rewards/" + reruns.wallet());

        // then
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode body = response.body();
        long settled = body.get("settled").asLong();
        assertThat(settled).isEqualTo(amounts.get(4) + reruns.laterAmount());
        JsonNode history = body.get("history");
        assertThat(history.valueStream().mapToLong(line -> line.get("amount").asLong()).sum()).isEqualTo(settled);
        assertThat(history.size()).isEqualTo(2);
        assertThat(body.get("windows").asLong()).isEqualTo(2);

        JsonNode later = history.get(0);
        assertThat(later.get("windowStart").asString()).isEqualTo(reruns.laterWindow().start().toString());
        assertThat(later.get("revision").asInt()).isEqualTo(1);
        assertThat(later.get("amount").asLong()).isEqualTo(reruns.laterAmount());
        assertThat(entries(later)).containsExactly(new Entry(1, "ACCRUAL", reruns.laterAmount()));

        JsonNode rerun = history.get(1);
        assertThat(rerun.get("windowStart").asString()).isEqualTo(reruns.rerunWindow().start().toString());
        assertThat(rerun.get("revision").asInt()).isEqualTo(5);
        assertThat(rerun.get("amount").asLong()).isEqualTo(amounts.get(4));
        List<Entry> expected = new ArrayList<>();
        expected.add(new Entry(1, "ACCRUAL", amounts.get(0)));
        for (int revision = 2; revision <= 5; revision++) {
            expected.add(new Entry(revision, "CORRECTION",
                    amounts.get(revision - 1) - amounts.get(revision - 2)));
        }
        assertThat(entries(rerun)).containsExactlyElementsOf(expected);
        assertThat(rerun.get("nodes").valueStream().mapToLong(node -> node.get("amount").asLong()).sum())
                .as("the wallet's nodes paid in revision 5").isEqualTo(amounts.get(4));
        assertThat(rerun.get("nodes").size()).isEqualTo(2);
    }

    @Test
    void pagesAreWindowsNewestFirstAndTogetherSumToSettled() {
        // given
        RewardReruns reruns = RewardReruns.create(jdbc, loader, settlement, runs);
        String path = "/api/rewards/" + reruns.wallet() + "?size=1&page=";

        // when
        JsonNode first = hub().get(path + 0).body();
        JsonNode second = hub().get(path + 1).body();
        JsonNode beyond = hub().get(path + 2).body();

        // then
        assertThat(first.get("history").get(0).get("windowStart").asString())
                .isEqualTo(reruns.laterWindow().start().toString());
        assertThat(second.get("history").get(0).get("windowStart").asString())
                .isEqualTo(reruns.rerunWindow().start().toString());
        assertThat(beyond.get("history").size()).isZero();
        assertThat(List.of(first, second, beyond)).allSatisfy(page -> {
            assertThat(page.get("windows").asLong()).isEqualTo(2);
            assertThat(page.get("size").asInt()).isEqualTo(1);
        });
        assertThat(first.get("history").get(0).get("amount").asLong() + second.get("history").get(0).get("amount").asLong())
                .isEqualTo(first.get("settled").asLong());
    }

    @Test
    void aBadPageOrSizeIsRefusedNamingTheParameter() {
        String wallet = TestNode.aWallet();

        HubClient.Response size = hub().get("/api/rewards/" + wallet + "?size=0");
        HubClient.Response page = hub().get("/api/rewards/" + wallet + "?page=-1");

        assertThat(size.status()).isEqualTo(400);
        assertThat(size.body().get("detail").asString()).startsWith("size must be between 1 and 1000");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body().get("detail").asString()).startsWith("page must be 0 or more");
    }

    /** A ledger entry as the answer shows it. */
    private record Entry(int revision, String kind, long amount) {
    }

    private static List<Entry> entries(JsonNode line) {
        return line.get("entries").valueStream().map(entry -> new Entry(entry.get("revision").asInt(),
                entry.get("kind").asString(), entry.get("amount").asLong())).toList();
    }
}
