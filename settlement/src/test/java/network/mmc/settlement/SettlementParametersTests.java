package network.mmc.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettlementParametersTests {

    @Test
    void termsReadBackGiveTheSameParameters() {
        SettlementParameters unusual = SettlementParameters.defaults().withTerms(Map.of("cap-k", "3", "z",
                "2.5758293035489004", "pi", "3.14159265358979323846", "period", "PT1H", "min-cap-nodes", "2"));

        assertThat(SettlementParameters.defaults().withTerms(unusual.terms())).isEqualTo(unusual);
        assertThat(unusual.capK()).isEqualTo(3.0);
        assertThat(unusual.pi()).isEqualTo(new BigDecimal("3.14159265358979323846"));
        assertThat(unusual.period()).isEqualTo(Duration.ofHours(1));
        assertThat(SettlementParameters.defaults().withTerms(SettlementParameters.defaults().terms()))
                .isEqualTo(SettlementParameters.defaults());
    }

    @Test
    void theTermsAreNamedAsTheirProperties() {
        assertThat(SettlementParameters.defaults().terms()).containsExactly(Map.entry("period", "PT2H"),
                Map.entry("z", "1.959963984540054"), Map.entry("min-cap-nodes", "5"), Map.entry("cap-k", "10.0"),
                Map.entry("stake-target", "10000000000000"), Map.entry("genesis", "2026-01-01T00:00:00Z"),
                Map.entry("first-period-total", "4500000000000000"), Map.entry("pi", "3.1416"));
    }

    @Test
    void anUnknownTermOrABadValueIsRefusedByName() {
        assertThatThrownBy(() -> SettlementParameters.defaults().withTerms(Map.of("colour", "red")))
                .hasMessageStartingWith("unknown settlement term 'colour' (known: period, z, ");
        assertThatThrownBy(() -> SettlementParameters.defaults().withTerms(Map.of("cap-k", "ten")))
                .hasMessage("settlement term cap-k=ten is not a valid value");
    }
}
