package network.mmc.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeTextTests {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T02:00Z", "2026-11-25T02:00:00Z", "2026-11-25T02:00:00.000Z",
            "2026-11-25T03:00+01:00", " 2026-11-25T02:00Z "})
    void acceptsEveryIsoFormWithAZone(String text) {
        assertThat(TimeText.parse(text)).isEqualTo(Instant.parse("2026-11-25T02:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"02:00Z", "2026-11-25", "2026-11-25T02:00", "yesterday", ""})
    void refusesATimeWithoutDateOrZoneNamingTheAcceptedForms(String text) {
        assertThatThrownBy(() -> TimeText.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not " + TimeText.ACCEPTED);
    }

    @Test
    void showsUtcToTheSecond() {
        assertThat(TimeText.format(Instant.parse("2026-11-25T02:00:07.123456Z"))).isEqualTo("2026-11-25T02:00:07Z");
        assertThat(TimeText.format(Instant.parse("2026-11-25T02:00:00Z"))).isEqualTo("2026-11-25T02:00:00Z");
    }
}
