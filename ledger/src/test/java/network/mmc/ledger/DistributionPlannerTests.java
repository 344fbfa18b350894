package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import network.mmc.ledger.DistributionPlanner.Action;
import org.junit.jupiter.api.Test;

class DistributionPlannerTests {

    @Test
    void nothingWaitingMakesNoVersion() {
        assertThat(DistributionPlanner.next(4, Map.of("alice", 10L), List.of())).isEmpty();
    }

    @Test
    void theNextVersionHoldsEveryWalletsCumulativeTotalIncludingWalletsWithNoNewRequest() {
        PlannedDistribution next = DistributionPlanner.next(4, Map.of("alice", 10L, "bob", 5L), List.of(
                new WaitingRequest(21, "bob", 7), new WaitingRequest(22, "carol", 1), new WaitingRequest(23, "bob", 3)))
                .orElseThrow();

        assertThat(next.version()).isEqualTo(5);
        assertThat(next.cumulative()).containsExactly(Map.entry("alice", 10L), Map.entry("bob", 15L),
                Map.entry("carol", 1L));
        assertThat(next.requestIds()).containsExactly(21L, 22L, 23L);
        assertThat(next.total()).isEqualTo(26);
    }

    @Test
    void theFirstVersionIsOne() {
        assertThat(DistributionPlanner.next(0, Map.of(), List.of(new WaitingRequest(1, "alice", 2))).orElseThrow()
                .version()).isEqualTo(1);
    }

    @Test
    void aVersionThatFailedToPublishIsPublishedAgainBeforeAnyNewVersion() {
        assertThat(DistributionPlanner.decide(true, true)).isEqualTo(Action.PUBLISH_PENDING);
        assertThat(DistributionPlanner.decide(true, false)).isEqualTo(Action.PUBLISH_PENDING);
        assertThat(DistributionPlanner.decide(false, true)).isEqualTo(Action.CREATE_NEXT);
        assertThat(DistributionPlanner.decide(false, false)).isEqualTo(Action.NOTHING);
    }

    @Test
    void aRequestWithoutAPositiveAmountIsNeverDistributed() {
        assertThatThrownBy(() -> DistributionPlanner.next(0, Map.of(), List.of(new WaitingRequest(9, "alice", 0))))
                .hasMessage("withdrawal request 9 has amount 0");
    }
}
