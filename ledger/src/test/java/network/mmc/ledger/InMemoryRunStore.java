package network.mmc.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Runs in a list, for running the domain without a database. */
public final class InMemoryRunStore implements RunStore {

    private record Run(long id, Instant windowStart, int revision, boolean completed) {
    }

    private final List<Run> runs = new ArrayList<>();

    /** @return the new run's id */
    public synchronized long add(Instant windowStart, int revision, boolean completed) {
        long id = runs.size() + 1L;
        runs.add(new Run(id, windowStart, revision, completed));
        return id;
    }

    @Override
    public synchronized OptionalInt latestCompletedRevision(Instant windowStart) {
        return runs.stream().filter(r -> r.completed() && r.windowStart().equals(windowStart)).mapToInt(Run::revision)
                .max();
    }
}
