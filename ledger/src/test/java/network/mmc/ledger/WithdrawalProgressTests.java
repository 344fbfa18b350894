package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import network.mmc.ledger.WithdrawalProgress.PaidClaim;
import network.mmc.ledger.WithdrawalProgress.Progress;
import network.mmc.ledger.WithdrawalProgress.Request;
import network.mmc.ledger.WithdrawalProgress.Stage;
import org.junit.jupiter.api.Test;

class WithdrawalProgressTests {

    @Test
    void eachRequestIsAtTheStageOfItsVersionUntilClaimsCoverItsCumulativeAmount() {
        List<Request> requests = List.of(
                new Request(1, 100, 1L, "CONFIRMED", true),
                new Request(2, 50, 1L, "CONFIRMED", true),
                new Request(3, 30, 2L, "CONFIRMED", true),
                new Request(4, 20, 3L, "PENDING", true),
                new Request(5, 10, 4L, "PENDING", false),
                new Request(6, 5, null, null, false));

        Map<Long, Progress> progress = WithdrawalProgress.of(requests, List.of(new PaidClaim(150, "tx1")));

        assertThat(progress).containsExactlyInAnyOrderEntriesOf(Map.of(
                1L, new Progress(Stage.CLAIMED, "tx1"),
                2L, new Progress(Stage.CLAIMED, "tx1"),
                3L, new Progress(Stage.CONFIRMED, null),
                4L, new Progress(Stage.PUBLISHED, null),
                5L, new Progress(Stage.IN_DISTRIBUTION, null),
                6L, new Progress(Stage.REQUESTED, null)));
    }

    @Test
    void aRequestIsClaimedByTheFirstClaimThatReachesItsCumulativeAmount() {
        List<Request> requests = List.of(new Request(7, 100, 1L, "CONFIRMED", true),
                new Request(8, 50, 2L, "CONFIRMED", true));

        Map<Long, Progress> partly = WithdrawalProgress.of(requests, List.of(new PaidClaim(120, "a")));
        Map<Long, Progress> both = WithdrawalProgress.of(requests, List.of(new PaidClaim(150, "b"), new PaidClaim(100, "a")));

        assertThat(partly.get(7L)).isEqualTo(new Progress(Stage.CLAIMED, "a"));
        assertThat(partly.get(8L)).isEqualTo(new Progress(Stage.CONFIRMED, null));
        assertThat(both.get(7L)).isEqualTo(new Progress(Stage.CLAIMED, "a"));
        assertThat(both.get(8L)).isEqualTo(new Progress(Stage.CLAIMED, "b"));
    }
}
