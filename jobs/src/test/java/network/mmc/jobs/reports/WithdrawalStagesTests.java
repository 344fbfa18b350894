package network.mmc.jobs.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WithdrawalStagesTests {

    private static final WithdrawalStages.Request WAITING = new WithdrawalStages.Request(1, 100, "REQUESTED", null, null, false);
    private static final WithdrawalStages.Request IN_UNSENT_V2 = new WithdrawalStages.Request(2, 20, "REQUESTED", 2L, "PENDING", false);
    private static final WithdrawalStages.Request SENT_V3 = new WithdrawalStages.Request(3, 3, "REQUESTED", 3L, "PENDING", true);
    private static final WithdrawalStages.Request CONFIRMED_V1 = new WithdrawalStages.Request(4, 4000, "SYNCED", 1L, "CONFIRMED", true);

    @Test
    void eachStageHoldsTheNextAndSumsItsRequests() {
        List<WithdrawalStages.Request> all = List.of(WAITING, IN_UNSENT_V2, SENT_V3, CONFIRMED_V1);

        WithdrawalStages stages = WithdrawalStages.of(all, all, Map.of(1L, 4000L, 2L, 4020L, 3L, 4023L));

        assertThat(stages).extracting(WithdrawalStages::requested, WithdrawalStages::included,
                WithdrawalStages::published, WithdrawalStages::confirmed).containsExactly(4123L, 4023L, 4003L, 4000L);
        assertThat(stages.problems()).isEmpty();
    }

    @Test
    void aSyncedRequestOfAPendingVersionAndAVersionTotalOffByOneAreListed() {
        WithdrawalStages.Request syncedTooEarly = new WithdrawalStages.Request(5, 7, "SYNCED", 2L, "PENDING", true);
        List<WithdrawalStages.Request> all = List.of(CONFIRMED_V1, syncedTooEarly);

        WithdrawalStages stages = WithdrawalStages.of(List.of(), all, Map.of(1L, 4000L, 2L, 4008L));

        assertThat(stages.problems()).containsExactly(
                "withdrawal 5 is SYNCED but its version 2 is not confirmed",
                "distribution version 2 totals 4008 but the requests up to it sum to 4007");
        assertThat(stages.requested()).isZero();
    }
}
