package network.mmc.jobs.archive;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import network.mmc.jobs.calls.ArchivedEvents;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.CallIdRanges;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores an archived window's rows again, with their ids, a batch a transaction; each transaction also drops the
 * event-id keys of the rows it brings back, so that a key is kept exactly while its row is away. A row already
 * there (a restore cut off before, or a removal that did not finish) is skipped; a different row under its id stops
 * the restore.
 */
@Component
class ArchiveRestore {

    private static final String INSERT = "INSERT INTO call_record (" + ArchivedCall.COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final WindowRows rows;

    ArchiveRestore(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, WindowRows rows) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.rows = rows;
    }

    /** @return how many rows were stored again */
    long restore(ArchiveEntry entry, SettlementWindow window, int batchSize) {
        long[] stored = {0};
        List<ArchivedCall> batch = new ArrayList<>(batchSize);
        ArchiveFile.read(java.nio.file.Path.of(entry.file()), call -> {
            batch.add(call);
            if (batch.size() == batchSize) {
                stored[0] += store(batch);
                batch.clear();
            }
        });
        stored[0] += store(batch);
        long present = rows.count(CallIdRanges.parse(entry.idRanges()), window);
        if (present != entry.rowCount()) {
            throw new IllegalStateException("window " + window + " has " + present + " call records after the restore,"
                    + " its archive " + entry.rowCount());
        }
        return stored[0];
    }

    private long store(List<ArchivedCall> calls) {
        if (calls.isEmpty()) {
            return 0;
        }
        return transactions.execute(status -> {
            Map<Long, String> there = new HashMap<>();
            jdbc.query("SELECT id, event_id FROM call_record WHERE id IN ("
                            + String.join(",", Collections.nCopies(calls.size(), "?")) + ")",
                    row -> {
                        there.put(row.getLong(1), row.getString(2));
                    }, calls.stream().map(ArchivedCall::id).toArray());
            List<ArchivedCall> missing = new ArrayList<>();
            for (ArchivedCall call : calls) {
                String eventId = there.get(call.id());
                if (eventId == null) {
                    missing.add(call);
                } else if (!eventId.equals(call.eventId())) {
                    throw new IllegalStateException("call_record id " + call.id() + " holds event " + eventId
                            + ", the archive event " + call.eventId() + ": nothing more is restored");
                }
            }
            jdbc.batchUpdate(INSERT, missing, missing.size(), (statement, call) -> {
                statement.setLong(1, call.id());
                statement.setString(2, call.eventId());
                statement.setString(3, call.nodeId());
                statement.setString(4, call.callerType());
                statement.setString(5, call.callerId());
                statement.setString(6, call.callerWallet());
                statement.setString(7, call.taskType());
                statement.setString(8, call.status());
                statement.setLong(9, call.credits());
                if (call.latencyMs() == null) {
                    statement.setNull(10, Types.INTEGER);
                } else {
                    statement.setInt(10, call.latencyMs());
                }
                statement.setTimestamp(11, call.calledAt() == null ? null : UtcTimestamps.of(call.calledAt()));
                statement.setTimestamp(12, UtcTimestamps.of(call.recordedAt()));
            });
            List<ArchivedCall> undated = missing.stream().filter(call -> call.calledAt() == null).toList();
            jdbc.batchUpdate("DELETE FROM call_archived_event WHERE event_hash = " + ArchivedEvents.KEY.formatted("?"),
                    undated, undated.size(), (statement, call) -> statement.setString(1, call.eventId()));
            return (long) missing.size();
        });
    }
}
