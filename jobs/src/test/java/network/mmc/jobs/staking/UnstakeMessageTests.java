package network.mmc.jobs.staking;

import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

class UnstakeMessageTests {

    @Test
    void theTextIsSettlementSection9LineByLine() {
        assertThat(UnstakeMessage.of("mmc-hub-local", "WalletW", "NodeN", 1_500_000_000L, 7))
                .isEqualTo("MMC-UNSTAKE\nhub:mmc-hub-local\nwallet:WalletW\nnode:NodeN\namount:1500000000\nnonce:7");
    }

    @Test
    void theHubTheNodeTheAmountAndTheNonceEachChangeTheText() {
        String text = UnstakeMessage.of("hub-a", "W", "N", 5, 1);
        assertThat(UnstakeMessage.of("hub-b", "W", "N", 5, 1)).isNotEqualTo(text);
        assertThat(UnstakeMessage.of("hub-a", "W", "M", 5, 1)).isNotEqualTo(text);
        assertThat(UnstakeMessage.of("hub-a", "W", "N", 6, 1)).isNotEqualTo(text);
        assertThat(UnstakeMessage.of("hub-a", "W", "N", 5, 2)).isNotEqualTo(text);
    }

    @Test
    void amountAndNonceMustBePositive() {
        assertThatThrownBy(() -> UnstakeMessage.checkShape(null, 1L))
                .hasMessage("amount must be a positive number of base units, got null");
        assertThatThrownBy(() -> UnstakeMessage.checkShape(0L, 1L))
                .hasMessage("amount must be a positive number of base units, got 0");
        assertThatThrownBy(() -> UnstakeMessage.checkShape(5L, 0L)).hasMessage("nonce must be a positive integer, got 0");
        assertThatThrownBy(() -> UnstakeMessage.checkShape(5L, -3L))
                .hasMessage("nonce must be a positive integer, got -3");
        assertThatNoException().isThrownBy(() -> UnstakeMessage.checkShape(1L, 1L));
    }
}
