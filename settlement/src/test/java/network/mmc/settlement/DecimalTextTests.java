package network.mmc.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalTextTests {

    @Test
    void exactDecimalsKeepEveryDigitWithoutTrailingZerosOrExponent() {
        assertThat(DecimalText.of(new BigDecimal("0E-18"))).isEqualTo("0");
        assertThat(DecimalText.of(new BigDecimal("0.250000000000000000"))).isEqualTo("0.25");
        assertThat(DecimalText.of(new BigDecimal("0.000000000000000001"))).isEqualTo("0.000000000000000001");
        assertThat(DecimalText.of(new BigDecimal("1E+2"))).isEqualTo("100");
    }

    @Test
    void floatingPointValuesLoseTheirRoundingNoise() {
        assertThat(DecimalText.of(12044.832999999999)).isEqualTo("12044.833");
        assertThat(DecimalText.of(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(DecimalText.of(1.0E-4)).isEqualTo("0.0001");
        assertThat(DecimalText.of(3.0)).isEqualTo("3");
        assertThat(DecimalText.of(0.0)).isEqualTo("0");
    }
}
