package network.mmc.jobs.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import network.mmc.jobs.tasks.TaskStore.TrackRecordChange;
import org.junit.jupiter.api.Test;

class TrackRecordChangeTests {

    private static TrackRecordChange of(Boolean... verified) {
        return Stream.of(verified).map(TrackRecordChange::of).reduce(TrackRecordChange::then).orElseThrow();
    }

    @Test
    void verifiedAnswersAloneLengthenTheCleanRunByTheirNumber() {
        assertThat(of(true, true, true)).isEqualTo(new TrackRecordChange(0, 3));
    }

    @Test
    void aWrongAnswerEndsTheRunAndOnlyTheVerifiedOnesAfterItCount() {
        assertThat(of(true, true, false, true)).isEqualTo(new TrackRecordChange(1, 1));
        assertThat(of(true, false)).isEqualTo(new TrackRecordChange(1, 0));
    }

    @Test
    void everyWrongAnswerIsCountedAndTheRunRestartsAfterTheLast() {
        assertThat(of(false, true, true, false, true, true)).isEqualTo(new TrackRecordChange(2, 2));
    }
}
