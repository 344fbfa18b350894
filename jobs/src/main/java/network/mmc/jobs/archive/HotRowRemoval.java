package network.mmc.jobs.archive;

import java.util.Collections;
import java.util.List;
import network.mmc.jobs.calls.ArchivedEvents;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.settlement.CallIdRange;
import network.mmc.jobs.settlement.CallIdRanges;
import network.mmc.jobs.settlement.WindowCallRange;
import network.mmc.settlement.SettlementWindow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes an archived window's rows from {@code call_record}: a batch of rows a transaction, found along the primary
 * key inside the ranges the archive read and within the window's time, so no statement locks more than a batch of
 * rows or runs long. Each transaction also keeps the event-id keys of its rows without {@code called_at}
 * ({@code call_archived_event}) and adds its count to the manifest's {@code removed_rows}: a removal cut off at any
 * point leaves a consistent count, and the next run goes on from there.
 */
@Component
class HotRowRemoval {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final WindowRows rows;
    private final WindowCallRange windowRange;

    HotRowRemoval(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, WindowRows rows,
                  WindowCallRange windowRange) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.rows = rows;
        this.windowRange = windowRange;
    }

    /**
     * Refuses, deleting nothing, unless the rows left in the window are exactly the archived rows not removed yet:
     * a row stored into the window after its archive was written is in no archive, and is never deleted. Such a
     * row outside the archived ranges is found once they are empty, and keeps the window from counting as archived.
     *
     * @return how many rows this call removed
     */
    long remove(ArchiveEntry entry, SettlementWindow window, int batchSize) {
        CallIdRanges ranges = CallIdRanges.parse(entry.idRanges());
        long left = rows.count(ranges, window);
        if (left + entry.removedRows() != entry.rowCount()) {
            throw new IllegalStateException("window " + window + " has " + left + " call records left and "
                    + entry.removedRows() + " removed, but its archive " + entry.file() + " holds " + entry.rowCount()
                    + ": its records changed since they were archived, so nothing is deleted; restore the window"
                    + " (`./mmc-hub archive restore " + window.start() + "`) and archive it again");
        }
        long removed = 0;
        for (CallIdRange range : ranges.ranges()) {
            long from = range.first();
            for (List<Long> ids = rows.ids(range, from, window, batchSize); !ids.isEmpty();
                 ids = rows.ids(range, from, window, batchSize)) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("the archive of window " + window + " was interrupted after removing "
                            + (entry.removedRows() + removed) + " of " + entry.rowCount() + " rows; run it again to go on");
                }
                removed += removeBatch(window, ids);
                from = ids.get(ids.size() - 1) + 1;
            }
        }
        long stranger = rows.count(windowRange.of(window), window);
        if (stranger > 0) {
            throw new IllegalStateException("window " + window + " still has " + stranger + " call records that its archive "
                    + entry.file() + " does not hold (stored after it was written): they are kept; restore the window"
                    + " (`./mmc-hub archive restore " + window.start() + "`) and archive it again");
        }
        return removed;
    }

    private long removeBatch(SettlementWindow window, List<Long> ids) {
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        Object[] idArguments = ids.toArray();
        return transactions.execute(status -> {
            // the keys first: an ingest that meets one of these event ids after the rows are gone sees its key
            jdbc.update("INSERT IGNORE INTO call_archived_event (event_hash) SELECT "
                    + ArchivedEvents.KEY.formatted("event_id") + " FROM call_record WHERE id IN (" + in + ")"
                    + " AND called_at IS NULL", idArguments);
            Object[] arguments = new Object[ids.size() + 2];
            System.arraycopy(idArguments, 0, arguments, 0, ids.size());
            arguments[ids.size()] = UtcTimestamps.of(window.start());
            arguments[ids.size() + 1] = UtcTimestamps.of(window.end());
            int deleted = jdbc.update("DELETE FROM call_record WHERE id IN (" + in + ") AND recorded_at >= ?"
                    + " AND recorded_at < ?", arguments);
            jdbc.update("UPDATE call_archive SET removed_rows = removed_rows + ? WHERE window_start = ?"
                    + " AND status = 'REMOVING'", deleted, UtcTimestamps.of(window.start()));
            return (long) deleted;
        });
    }
}
