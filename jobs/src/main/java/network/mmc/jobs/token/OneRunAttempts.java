package network.mmc.jobs.token;

import java.util.ArrayList;
import java.util.List;
import network.mmc.rewards.Attempt;
import network.mmc.rewards.AttemptLog;

/**
 * The attempts of one command, kept in memory. Enough where a transaction sent twice cannot do harm twice: a
 * setup's account creations fail as a whole once the accounts exist. A mint of emission that was sent but not seen
 * confirmed must be checked by hand before minting again (the command says so).
 */
final class OneRunAttempts implements AttemptLog {

    private final List<Attempt> attempts = new ArrayList<>();

    @Override
    public List<Attempt> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public boolean append(List<Attempt> seen, Attempt next) {
        attempts.add(next);
        return true;
    }
}
