package network.mmc.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ledger in a list, for running the domain without a database; one lock for everything. */
public final class InMemoryLedgerStore implements LedgerStore {

    private record Line(PostedRun run, LedgerEntry entry) {
    }

    private final List<Line> lines = new ArrayList<>();

    /** Runs {@code work}; when it throws, the lines it appended are taken back, as a rolled-back transaction's. */
    public synchronized void inUnitOfWork(Runnable work) {
        int before = lines.size();
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            lines.subList(before, lines.size()).clear();
            throw e;
        }
    }

    @Override
    public synchronized Map<String, Long> postedBefore(Instant windowStart, int revision) {
        Map<String, Long> posted = new HashMap<>();
        lines.stream().filter(l -> l.run().windowStart().equals(windowStart) && l.run().revision() < revision)
                .forEach(l -> posted.merge(l.entry().wallet(), l.entry().amount(), Math::addExact));
        return posted;
    }

    @Override
    public synchronized void append(PostedRun run, List<LedgerEntry> entries) {
        if (lines.stream().anyMatch(l -> l.run().runId() == run.runId())) {
            throw new IllegalStateException("run " + run.runId() + " is already posted");
        }
        entries.forEach(entry -> lines.add(new Line(run, entry)));
    }

    @Override
    public synchronized long settled(String wallet) {
        return lines.stream().filter(l -> l.entry().wallet().equals(wallet)).mapToLong(l -> l.entry().amount())
                .reduce(0L, Math::addExact);
    }

    @Override
    public synchronized boolean hasEntries(String wallet) {
        return lines.stream().anyMatch(l -> l.entry().wallet().equals(wallet));
    }
}
