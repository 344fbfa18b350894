package network.mmc.jobs.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SettlementSettingsTests {

    @Test
    void unsetPartitionThreadsAreHalfTheCoresAndAtLeastOne() {
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(withPartitionThreads(null).partitionThreads()).isEqualTo(Math.max(1, cores / 2)).isPositive();
        assertThat(withPartitionThreads(3).partitionThreads()).isEqualTo(3);
    }

    @Test
    void fewerThanOnePartitionThreadIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> withPartitionThreads(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mmc.settlement.partition-threads must be at least 1, not 0");
    }

    private static SettlementSettings withPartitionThreads(Integer threads) {
        return new SettlementSettings(null, null, null, null, null, null, null, null, null, null, 16, threads, null, null);
    }
}
