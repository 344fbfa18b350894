package network.mmc.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettlementWindowTests {

    private static final Duration TWO_HOURS = Duration.ofHours(2);

    @Test
    void aRecordBelongsToTheEvenHourWindowThatHoldsIt() {
        SettlementWindow window = SettlementWindow.containing(Instant.parse("2026-11-25T11:59:59.999Z"), TWO_HOURS);

        assertThat(window.start()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
    }

    @Test
    void windowsBeforeTheEpochAreAlignedToo() {
        SettlementWindow window = SettlementWindow.containing(Instant.parse("1969-12-31T23:00:00Z"), TWO_HOURS);

        assertThat(window.start()).isEqualTo(Instant.parse("1969-12-31T22:00:00Z"));
    }

    @Test
    void parsesAnAlignedStart() {
        assertThat(SettlementWindow.parse("2026-11-25T10:00Z", TWO_HOURS).start())
                .isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
    }

    @Test
    void refusesAnUnalignedOrMalformedStart() {
        assertThatThrownBy(() -> SettlementWindow.parse("2026-11-25T11:00Z", TWO_HOURS))
                .hasMessageContaining("does not start on a PT2H boundary");
        assertThatThrownBy(() -> SettlementWindow.parse("yesterday", TWO_HOURS))
                .hasMessage("window 'yesterday' is not " + TimeText.ACCEPTED);
    }

    @Test
    void isDueOnlyAfterEndPlusGrace() {
        SettlementWindow window = SettlementWindow.parse("2026-11-25T10:00Z", TWO_HOURS);
        Duration grace = Duration.ofMinutes(5);

        assertThat(window.isDue(Instant.parse("2026-11-25T12:04:59Z"), grace)).isFalse();
        assertThat(window.isDue(Instant.parse("2026-11-25T12:05:00Z"), grace)).isTrue();
    }
}
