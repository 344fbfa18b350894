package network.mmc.jobs.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

/**
 * The archived records' event ids ({@code call_archived_event}: the first 16 bytes of SHA-256 of the event id, for
 * archived rows without {@code called_at}) seen from ingest.
 * <p>
 * Checked after the rows are inserted, in the same transaction, with plain (non-locking) reads: the archive inserts a
 * row's key and deletes the row in one transaction, so either that transaction had committed when the insert met the
 * event id (the insert stored a copy, and the read after it sees the key: the copy is removed again before anything
 * commits), or it had not (the stored row was still there, or its delete was waited for until it committed, which
 * the read then sees). Ingest waits for no lock of the archive's here, so the two cannot deadlock.
 */
public final class ArchivedEvents {

    /** The key an archived event id is kept under (SQL, %s the event id), the same in every statement. */
    public static final String KEY = "UNHEX(LEFT(SHA2(%s, 256), 32))";

    // event ids looked up per query
    private static final int LOOKUP = 1_000;

    private ArchivedEvents() {
    }

    /**
     * Deletes the rows just inserted (in {@code connection}'s open transaction) for event ids that were archived.
     *
     * @return how many were deleted: these records were duplicates
     */
    static long removeResent(Connection connection, List<String> eventIds) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet any = statement.executeQuery("SELECT 1 FROM call_archived_event LIMIT 1")) {
            if (!any.next()) {
                // nothing archived in this transaction's view: no stored copy can have met an archived event id
                return 0;
            }
        }
        List<String> resent = new ArrayList<>();
        List<String> distinct = new ArrayList<>(new HashSet<>(eventIds));
        for (int from = 0; from < distinct.size(); from += LOOKUP) {
            List<String> some = distinct.subList(from, Math.min(distinct.size(), from + LOOKUP));
            try (PreparedStatement query = connection.prepareStatement("SELECT c.event_id FROM call_record c"
                    + " JOIN call_archived_event a ON a.event_hash = " + KEY.formatted("c.event_id")
                    + " WHERE c.event_id IN (" + String.join(",", Collections.nCopies(some.size(), "?")) + ")")) {
                for (int i = 0; i < some.size(); i++) {
                    query.setString(i + 1, some.get(i));
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        resent.add(rows.getString(1));
                    }
                }
            }
        }
        long removed = 0;
        for (int from = 0; from < resent.size(); from += LOOKUP) {
            List<String> some = resent.subList(from, Math.min(resent.size(), from + LOOKUP));
            // the archived row itself is gone (its key and its delete committed together): these are the new copies
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM call_record WHERE event_id IN ("
                    + String.join(",", Collections.nCopies(some.size(), "?")) + ")")) {
                for (int i = 0; i < some.size(); i++) {
                    delete.setString(i + 1, some.get(i));
                }
                removed += delete.executeUpdate();
            }
        }
        return removed;
    }
}
