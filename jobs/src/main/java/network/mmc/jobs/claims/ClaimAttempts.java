package network.mmc.jobs.claims;

import java.time.Clock;
import java.util.List;
import network.mmc.rewards.Attempt;
import network.mmc.rewards.AttemptLog;

/** The payout attempts of one claim, as the table {@code claim_attempt} keeps them. */
record ClaimAttempts(Claims claims, long claim, Clock clock) implements AttemptLog {

    @Override
    public List<Attempt> attempts() {
        return claims.attempts(claim);
    }

    @Override
    public boolean append(List<Attempt> seen, Attempt next) {
        return claims.appendAttempt(claim, seen, next, clock.instant());
    }
}
