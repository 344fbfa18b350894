package network.mmc.jobs.staking;

import java.time.Clock;
import java.util.List;
import network.mmc.rewards.Attempt;
import network.mmc.rewards.AttemptLog;

/** The payout attempts of one unstake, as the table {@code unstake_attempt} keeps them. */
record UnstakeAttempts(Unstakes unstakes, long unstake, Clock clock) implements AttemptLog {

    @Override
    public List<Attempt> attempts() {
        return unstakes.attempts(unstake);
    }

    @Override
    public boolean append(List<Attempt> seen, Attempt next) {
        return unstakes.appendAttempt(unstake, seen, next, clock.instant());
    }
}
