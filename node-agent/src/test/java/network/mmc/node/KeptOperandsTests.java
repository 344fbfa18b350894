package network.mmc.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeptOperandsTests {

    private final KeptOperands<String> kept = new KeptOperands<>(3, 100);

    @Test
    void keepsTheMostRecentlyUsedWithinTheCount() {
        kept.keep("a", "A", 10);
        kept.keep("b", "B", 10);
        kept.keep("c", "C", 10);
        assertThat(kept.get("a")).isEqualTo("A");

        kept.keep("d", "D", 10);

        assertThat(kept.get("b")).as("the least recently used goes").isNull();
        assertThat(kept.get("a")).isEqualTo("A");
        assertThat(kept.get("c")).isEqualTo("C");
        assertThat(kept.get("d")).isEqualTo("D");
    }

    @Test
    void keepsNoMoreBytesThanItsBudgetButAlwaysTheNewest() {
        kept.keep("a", "A", 40);
        kept.keep("b", "B", 40);

        kept.keep("c", "C", 40);

        assertThat(kept.get("a")).isNull();
        assertThat(kept.get("b")).isEqualTo("B");
        assertThat(kept.get("c")).isEqualTo("C");

        kept.keep("huge", "H", 500);

        assertThat(kept.get("b")).isNull();
        assertThat(kept.get("c")).isNull();
        assertThat(kept.get("huge")).isEqualTo("H");
    }

    @Test
    void keepingTheSameHashAgainCountsItsBytesOnce() {
        kept.keep("a", "A", 60);
        kept.keep("a", "A", 60);
        kept.keep("b", "B", 40);

        assertThat(kept.get("a")).isEqualTo("A");
        assertThat(kept.get("b")).isEqualTo("B");
    }
}
