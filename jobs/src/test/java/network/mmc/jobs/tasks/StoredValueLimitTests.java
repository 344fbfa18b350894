package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoredValueLimitTests {

    private final AtomicInteger reads = new AtomicInteger();
    // MariaDB's default: 16 MiB
    private final StoredValueLimit limit = new StoredValueLimit(() -> {
        reads.incrementAndGet();
        return 16L << 20;
    });

    @Test
    void aStatementsInputsMayTakeHalfThePacketLessTheStatement() {
        long largest = ((16L << 20) - 64 * 1024) / 2;

        assertThatCode(() -> limit.check("the model's parameters", largest)).doesNotThrowAnyException();
        assertThatThrownBy(() -> limit.check("the model's parameters", largest + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the model's parameters take 8355841 bytes; this Hub's database stores at most 8355840 in"
                        + " one statement (half its max_allowed_packet of 16777216 bytes, less 65536 for the statement):"
                        + " send less, or ask its operators to raise max_allowed_packet");
    }

    @Test
    void anAnswerMayTakeThePacketLessTheStatementAsItIsNotEscaped() {
        long largest = (16L << 20) - 64 * 1024;

        assertThatCode(() -> limit.checkAnswer(largest, "mmc.tasks.gemm.max-unit-bytes")).doesNotThrowAnyException();
        assertThatThrownBy(() -> limit.checkAnswer(largest + 1, "mmc.tasks.gemm.max-unit-bytes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a unit's answer would take 16711681 bytes; this Hub's database stores at most 16711680 in"
                        + " one statement (its max_allowed_packet of 16777216 bytes, less 65536): send smaller work, or"
                        + " ask its operators to lower mmc.tasks.gemm.max-unit-bytes or raise max_allowed_packet");
    }

    @Test
    void readsTheServersPacketOnce() {
        limit.check("a", 1);
        limit.check("b", 2);

        assertThatCode(() -> limit.check("c", 3)).doesNotThrowAnyException();
        assertThat(reads).hasValue(1);
    }

    @Test
    void aServerWithATinyPacketStoresNothing() {
        assertThat(StoredValueLimit.of(1024)).isZero();
    }
}
