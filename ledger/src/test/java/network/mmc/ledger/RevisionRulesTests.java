package network.mmc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RevisionRulesTests {

    private static final Instant WINDOW = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void theScheduledRunIsRevisionOneOfAWindowNotSettledYet() {
        assertThat(RevisionRules.scheduled(WINDOW, OptionalInt.empty())).isEqualTo(1);
        assertThatThrownBy(() -> RevisionRules.scheduled(WINDOW, OptionalInt.of(3)))
                .isInstanceOf(RevisionRefusedException.class)
                .hasMessage("window 2026-11-25T10:00:00Z is already settled (revision 3); a new revision needs a re-run"
                        + " with a reason and an operator");
    }

    @Test
    void aRerunWritesTheRevisionAfterTheLatestCompletedOne() {
        assertThat(RevisionRules.rerun(WINDOW, OptionalInt.of(1))).isEqualTo(2);
        assertThat(RevisionRules.rerun(WINDOW, OptionalInt.of(7))).isEqualTo(8);
    }

    @Test
    void aWindowNeverSettledCannotBeRerun() {
        assertThatThrownBy(() -> RevisionRules.rerun(WINDOW, OptionalInt.empty()))
                .hasMessage("window 2026-11-25T10:00:00Z has not been settled yet; settle it before re-running it");
    }
}
