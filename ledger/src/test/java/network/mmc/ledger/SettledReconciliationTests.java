package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettledReconciliationTests {

    private static final Instant W1 = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant W2 = Instant.parse("2026-02-01T02:00:00Z");

    @Test
    void anAccrualAndItsCorrectionsBalanceTheLatestRevisionToTheBaseUnit() {
        // given: revision 1 paid A 700 and B 300, revision 2 pays A 650 and B 351
        List<SettledReconciliation.WindowLine> lines = List.of(line(W1, "A", 700), line(W1, "B", 300),
                line(W1, "A", -50), line(W1, "B", 51));

        // when
        SettledReconciliation.Result result = SettledReconciliation.of(Map.of(W1, Map.of("A", 650L, "B", 351L)),
                SettledReconciliation.sumByWindowAndWallet(lines));

        // then
        assertThat(result.balances()).isTrue();
        assertThat(result.ledger()).isEqualTo(1_001);
        assertThat(result.allocated()).isEqualTo(1_001);
    }

    @Test
    void aLineOffByOneBaseUnitAndALineForAWindowWithoutARunAreListed() {
        Map<Instant, Map<String, Long>> ledger = SettledReconciliation.sumByWindowAndWallet(List.of(
                line(W1, "A", 700), line(W1, "B", 299), line(W2, "C", 5)));

        SettledReconciliation.Result result = SettledReconciliation.of(Map.of(W1, Map.of("A", 700L, "B", 300L)), ledger);

        assertThat(result.balances()).isFalse();
        assertThat(result.ledger()).isEqualTo(1_004);
        assertThat(result.allocated()).isEqualTo(1_000);
        assertThat(result.differences()).containsExactly(
                new SettledReconciliation.Difference(W1, "B", 299, 300),
                new SettledReconciliation.Difference(W2, "C", 5, 0));
        assertThat(result.differences()).extracting(SettledReconciliation.Difference::difference).containsExactly(-1L, 5L);
    }

    @Test
    void aWalletPaidButNeverPostedIsListed() {
        SettledReconciliation.Result result = SettledReconciliation.of(Map.of(W1, Map.of("A", 10L)), Map.of());

        assertThat(result.differences()).containsExactly(new SettledReconciliation.Difference(W1, "A", 0, 10));
    }

    private static SettledReconciliation.WindowLine line(Instant window, String wallet, long amount) {
        return new SettledReconciliation.WindowLine(window, wallet, amount);
    }
}
