package network.mmc.jobs.rewards;

import java.time.Clock;
import java.util.List;
import network.mmc.rewards.Attempt;
import network.mmc.rewards.AttemptLog;

/** The publishing attempts of one distribution version, as the table {@code distribution_attempt} keeps them. */
record VersionAttempts(Distributions distributions, long version, Clock clock) implements AttemptLog {

    @Override
    public List<Attempt> attempts() {
        return distributions.attempts(version);
    }

    @Override
    public boolean append(List<Attempt> seen, Attempt next) {
        return distributions.appendAttempt(version, seen, next, clock.instant());
    }
}
