package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettlementTableTests {

    private static SettlementTable.Line line(String owner, boolean eligible, long ok, long credits, long selfDealt,
                                             double usage, double raw, long reward) {
        return new SettlementTable.Line("node", owner, eligible, 10, ok, credits, selfDealt, 0.5, usage, raw,
                BigDecimal.ZERO, reward);
    }

    @Test
    void aNodeWithoutRewardIsGivenTheReasonItsStoredLineShows() {
        assertThat(line(null, false, 10, 100, 0, 100, 0, 0).note())
                .isEqualTo("not eligible: no owner wallet at window end (or not registered)");
        assertThat(line("W", false, 10, 100, 0, 100, 0, 0).note()).isEqualTo("not eligible: suspended");
        assertThat(line("W", true, 0, 0, 0, 0, 0, 0).note()).isEqualTo("no successful calls");
        assertThat(line("W", true, 10, 0, 700, 0, 0, 0).note()).isEqualTo("no credits: every credited call was self-dealt");
        assertThat(line("W", true, 10, 0, 0, 0, 0, 0).note()).isEqualTo("no credits earned");
        assertThat(line("W", true, 10, 100, 0, 100, 1e-9, 0).note()).isEqualTo("share of the pool under 1 base unit");
    }

    @Test
    void aPaidNodeHasANoteOnlyWhenItsUsageWasCapped() {
        assertThat(line("W", true, 10, 100, 0, 100, 50, 7).note()).isEmpty();
        assertThat(line("W", true, 10, 1_000_000, 0, 12_044.832999999999, 50, 7).note())
                .isEqualTo("usage capped at 12044.833 credits");
    }

    @Test
    void qualityAndWeightArePlainDecimalsWithoutFloatNoiseOrExponent() {
        StringWriter out = new StringWriter();
        SettlementTable.Line stored = new SettlementTable.Line("node", "W", true, 12, 10, 60, 0, 0.8333333333333334, 60,
                50, new BigDecimal("0E-18"), 0);
        SettlementTable.Line paid = new SettlementTable.Line("node", "W", true, 12, 10, 60, 0, 0.1 + 0.2, 60, 50,
                new BigDecimal("0.250000000000000000"), 7);

        SettlementTable.print(List.of(stored, paid), 10, new PrintWriter(out, true));

        List<List<String>> rows = out.toString().lines().skip(1).map(l -> List.of(l.trim().split(" +"))).toList();
        assertThat(rows).extracting(r -> r.get(5) + " " + r.get(6)).containsExactly("0.833333 0", "0.3 0.25");
    }

    @Test
    void theTableEndsEachLineWithTheNoteAndNoTrailingSpaces() {
        StringWriter out = new StringWriter();

        SettlementTable.print(List.of(line("W", true, 10, 100, 0, 100, 50, 7), line("W", false, 10, 100, 0, 100, 0, 0)),
                10, new PrintWriter(out, true));

        assertThat(out.toString().lines()).hasSize(3).noneMatch(l -> l.endsWith(" "));
        assertThat(out.toString().lines().toList().get(0)).endsWith("REWARD (MMC)  NOTE");
        assertThat(out.toString().lines().toList().get(2)).endsWith("0.000000000  not eligible: suspended");
    }
}
