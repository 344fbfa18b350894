package network.mmc.jobs.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import network.mmc.settlement.CallStatus;
import network.mmc.settlement.CallerType;
import org.junit.jupiter.api.Test;

class WindowTallyTests {

    private static CallRecordRow made(String calledAt, String recordedAt) {
        return new CallRecordRow("e", "n", CallerType.HUB, null, null, null, CallStatus.SUCCESS, 1, null,
                calledAt == null ? null : Instant.parse(calledAt), Instant.parse(recordedAt));
    }

    @Test
    void recordsMadeInAnotherWindowThanTheOneThatReceivesThemAreCountedByTheWindowTheyWereMadeIn() {
        WindowTally tally = new WindowTally(Duration.ofHours(2));

        tally.countIfDatedElsewhere(made("2026-11-26T08:00:00Z", "2026-11-26T11:00:00Z"));
        tally.countIfDatedElsewhere(made("2026-11-26T09:59:59.999999Z", "2026-11-26T11:00:00Z"));
        tally.countIfDatedElsewhere(made("2026-11-25T23:10:00Z", "2026-11-26T11:00:00Z"));
        tally.countIfDatedElsewhere(made("2026-11-26T10:00:00Z", "2026-11-26T11:59:59Z"));
        tally.countIfDatedElsewhere(made("2026-11-26T12:01:00Z", "2026-11-26T11:59:59Z"));
        tally.countIfDatedElsewhere(made(null, "2026-11-26T11:00:00Z"));

        assertThat(tally.counts()).containsExactly(
                new WindowCount(Instant.parse("2026-11-25T22:00:00Z"), 1),
                new WindowCount(Instant.parse("2026-11-26T08:00:00Z"), 2),
                new WindowCount(Instant.parse("2026-11-26T12:00:00Z"), 1));
    }

    @Test
    void aBackfillTallyCountsEveryRecordInTheWindowOfItsRecordedAt() {
        WindowTally tally = new WindowTally(Duration.ofHours(2));

        tally.count(made("2026-11-26T08:00:00Z", "2026-11-26T08:00:00Z"));
        tally.count(made("2026-11-26T09:00:00Z", "2026-11-26T09:00:00Z"));

        assertThat(tally.counts()).containsExactly(new WindowCount(Instant.parse("2026-11-26T08:00:00Z"), 2));
    }
}
