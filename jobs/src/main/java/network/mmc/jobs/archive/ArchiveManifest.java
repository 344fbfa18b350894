package network.mmc.jobs.archive;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import network.mmc.jobs.database.UtcTimestamps;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The archive manifest, {@code call_archive}: one row per archived window. */
@Component
class ArchiveManifest {

    private static final String COLUMNS = "window_start, revision, input_sha256, file, row_count, csv_sha256,"
            + " file_sha256, id_ranges, status, removed_rows, archived_at";

    private final JdbcTemplate jdbc;

    ArchiveManifest(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ArchiveEntry> find(Instant windowStart) {
        return jdbc.query("SELECT " + COLUMNS + " FROM call_archive WHERE window_start = ?", ArchiveManifest::entry,
                UtcTimestamps.of(windowStart)).stream().findFirst();
    }

    List<ArchiveEntry> list() {
        return jdbc.query("SELECT " + COLUMNS + " FROM call_archive ORDER BY window_start", ArchiveManifest::entry);
    }

    /**
     * Windows to archive now, oldest first: those ending by {@code cutoff} and by {@code before} whose latest run
     * completed and that are not archived (a restored one once it was re-run), plus every archive an interrupted run
     * left removing.
     */
    List<Instant> candidates(Instant cutoff, Instant before) {
        return jdbc.queryForList("SELECT r.window_start FROM settlement_run r"
                        + " LEFT JOIN call_archive a ON a.window_start = r.window_start"
                        + " WHERE r.window_end <= ? AND r.window_end <= ? AND r.status = 'COMPLETED'"
                        + " AND r.revision = (SELECT MAX(l.revision) FROM settlement_run l WHERE l.window_start = r.window_start)"
                        // a restored window waits for its re-run (or an archive naming it) before it goes again
                        + " AND (a.status IS NULL OR (a.status = 'RESTORED' AND r.revision > a.revision))"
                        + " UNION SELECT window_start FROM call_archive WHERE status = 'REMOVING' ORDER BY 1",
                java.sql.Timestamp.class, UtcTimestamps.of(cutoff), UtcTimestamps.of(before)).stream()
                .map(UtcTimestamps::toInstant).toList();
    }

    /** Records a written and checked archive, replacing a restored one of the same window. */
    void written(ArchiveEntry entry) {
        jdbc.update("DELETE FROM call_archive WHERE window_start = ? AND status = 'RESTORED'",
                UtcTimestamps.of(entry.windowStart()));
        jdbc.update("INSERT INTO call_archive (window_start, revision, input_sha256, file, row_count, csv_sha256,"
                        + " file_sha256, id_ranges, status, removed_rows, archived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)",
                UtcTimestamps.of(entry.windowStart()), entry.revision(), entry.inputSha256(), entry.file(),
                entry.rowCount(), entry.csvSha256(), entry.fileSha256(), entry.idRanges(),
                ArchiveEntry.Status.REMOVING.name(), UtcTimestamps.of(entry.archivedAt()));
    }

    void removed(Instant windowStart, Instant at) {
        jdbc.update("UPDATE call_archive SET status = 'ARCHIVED', removed_at = ? WHERE window_start = ?"
                + " AND status = 'REMOVING'", UtcTimestamps.of(at), UtcTimestamps.of(windowStart));
    }

    void restored(Instant windowStart, Instant at) {
        jdbc.update("UPDATE call_archive SET status = 'RESTORED', removed_rows = 0, restored_at = ?"
                + " WHERE window_start = ?", UtcTimestamps.of(at), UtcTimestamps.of(windowStart));
    }

    private static ArchiveEntry entry(ResultSet row, int i) throws SQLException {
        return new ArchiveEntry(UtcTimestamps.toInstant(row.getTimestamp(1)), row.getInt(2), row.getString(3),
                row.getString(4), row.getLong(5), row.getString(6), row.getString(7), row.getString(8),
                ArchiveEntry.Status.valueOf(row.getString(9)), row.getLong(10), UtcTimestamps.toInstant(row.getTimestamp(11)));
    }
}
