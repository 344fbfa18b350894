package network.mmc.jobs.ledger;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.ledger.LedgerEntry;
import network.mmc.ledger.LedgerStore;
import network.mmc.ledger.PostedRun;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@link LedgerStore} on {@code ledger_entry}; appends join the caller's transaction (the settlement's write step). */
@Repository
public class JdbcLedgerStore implements LedgerStore {

    private final JdbcTemplate jdbc;

    JdbcLedgerStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, Long> postedBefore(Instant windowStart, int revision) {
        Map<String, Long> posted = new HashMap<>();
        jdbc.query("SELECT wallet, SUM(amount) FROM ledger_entry WHERE window_start = ? AND revision < ? GROUP BY wallet",
                row -> {
                    posted.put(row.getString(1), row.getLong(2));
                }, UtcTimestamps.of(windowStart), revision);
        return posted;
    }

    @Override
    public void append(PostedRun run, List<LedgerEntry> entries) {
        Timestamp window = UtcTimestamps.of(run.windowStart());
        Timestamp postedAt = UtcTimestamps.of(run.postedAt());
        jdbc.batchUpdate("INSERT INTO ledger_entry (wallet, run_id, window_start, revision, entry_type, amount, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                entries.stream().map(e -> new Object[] {e.wallet(), run.runId(), window, run.revision(), e.type().name(),
                        e.amount(), postedAt}).toList());
    }

    @Override
    public long settled(String wallet) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(amount), 0) FROM ledger_entry WHERE wallet = ?", Long.class, wallet);
    }

    @Override
    public boolean hasEntries(String wallet) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM ledger_entry WHERE wallet = ?)",
                Boolean.class, wallet));
    }
}
