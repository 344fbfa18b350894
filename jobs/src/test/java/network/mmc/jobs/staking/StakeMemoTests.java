package network.mmc.jobs.staking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StakeMemoTests {

    private static final String NODE = "4wBqpZM9xaSheZzJSMawUKKwhdpChKbZ5eu5ky4Vigw";

    @Test
    void theMemoNamesTheNodeAndReadsBackToIt() {
        assertThat(StakeMemo.of(NODE)).isEqualTo("MMC-STAKE node:" + NODE);
        assertThat(StakeMemo.nodeOf("MMC-STAKE node:" + NODE)).isEqualTo(NODE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MMC-STAKE node:", "MMC-STAKE node: " + NODE, "MMC-STAKE node:" + NODE + "\n",
            "mmc-stake node:" + NODE, "MMC-STAKE  node:" + NODE, "MMC-STAKE node:" + NODE + " extra",
            "MMC-STAKE node:0OIl", "MMC-UNSTAKE node:" + NODE, "x MMC-STAKE node:" + NODE})
    void anythingElseIsRefusedNamingTheExpectedForm(String memo) {
        assertThatThrownBy(() -> StakeMemo.nodeOf(memo)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("is not 'MMC-STAKE node:<node id>'");
    }

    @Test
    void aNodeIdLongerThanItsColumnIsRefused() {
        assertThatThrownBy(() -> StakeMemo.nodeOf("MMC-STAKE node:" + "1".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(StakeMemo.nodeOf("MMC-STAKE node:" + "1".repeat(64))).hasSize(64);
    }

    @Test
    void aMemoThatIsNoTextIsNamedSo() {
        assertThatThrownBy(() -> StakeMemo.nodeOf(null)).hasMessage("the memo is not UTF-8 text");
    }

    @Test
    void aShownMemoHasNoControlCharactersAndAtMost100Characters() {
        assertThat(StakeMemo.shown("a\nb\u0000c")).isEqualTo("a?b?c");
        assertThat(StakeMemo.shown("x".repeat(300))).hasSize(101).endsWith("…");
    }
}
