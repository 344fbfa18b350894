package network.mmc.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MmcTextTests {

    @Test
    void anAmountIsTypedInMmcWithAtMostNineDecimals() {
        assertThat(MmcText.parse("AMOUNT", "20000", false)).isEqualTo(20_000_000_000_000L);
        assertThat(MmcText.parse("AMOUNT", "20000.5", false)).isEqualTo(20_000_500_000_000L);
        assertThat(MmcText.parse("AMOUNT", "0.000000001", false)).isEqualTo(1L);
        assertThat(MmcText.parse("AMOUNT", "1.500000000000", false)).isEqualTo(1_500_000_000L);
    }

    @Test
    void baseUnitsAreTakenOnlyWhenAskedForAndOnlyWhole() {
        assertThat(MmcText.parse("AMOUNT", "20000", true)).isEqualTo(20_000L);
        assertThatThrownBy(() -> MmcText.parse("AMOUNT", "1.5", true))
                .hasMessage("AMOUNT '1.5' is not a whole number of base units");
    }

    @Test
    void aNegativeOverlongOrOverflowingAmountIsRefusedInOneLineNamingTheOption() {
        assertThatThrownBy(() -> MmcText.parse("--amount", "-5", false)).hasMessage("--amount '-5' is negative");
        assertThatThrownBy(() -> MmcText.parse("--amount", "1.0000000001", false))
                .hasMessage("--amount '1.0000000001' has more than 9 decimals (1 base unit = 0.000000001 MMC)");
        assertThatThrownBy(() -> MmcText.parse("--amount", "9223372037", false))
                .hasMessage("--amount '9223372037' is more than the largest amount, 9223372036.854775807 MMC");
        assertThatThrownBy(() -> MmcText.parse("--amount", "9223372036854775808", true))
                .hasMessage("--amount '9223372036854775808' is more than the largest amount, 9223372036.854775807 MMC");
        assertThatThrownBy(() -> MmcText.parse("--amount", "twenty", false))
                .hasMessage("--amount 'twenty' is not a number of MMC such as 20000 or 20000.5");
    }

    @Test
    void amountsAreShownWithAllNineDecimals() {
        assertThat(MmcText.format(20_000_500_000_000L)).isEqualTo("20000.500000000");
        assertThat(MmcText.format(0)).isEqualTo("0.000000000");
    }
}
