package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RemoteSettlementSettingsTests {

    @Test
    void unsetValuesTakeTheDocumentedDefaults() {
        RemoteSettlementSettings remote = new RemoteSettlementSettings(null, null, null, null);

        assertThat(remote.queue()).isEqualTo("mmc.settlement.partitions");
        assertThat(remote.timeout()).isEqualTo(Duration.ofMinutes(15));
        assertThat(remote.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(remote.workerThreads()).isEqualTo(2);
    }

    @Test
    void aTimeoutOrPollIntervalThatIsNotPositiveOrNoThreadIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new RemoteSettlementSettings("q", Duration.ZERO, Duration.ofSeconds(1), 1))
                .hasMessageContaining("mmc.settlement.remote.timeout");
        assertThatThrownBy(() -> new RemoteSettlementSettings("q", Duration.ofMinutes(1), Duration.ofSeconds(-1), 1))
                .hasMessageContaining("poll-interval");
        assertThatThrownBy(() -> new RemoteSettlementSettings("q", Duration.ofMinutes(1), Duration.ofSeconds(1), 0))
                .hasMessageContaining("mmc.settlement.remote.worker-threads");
    }
}
