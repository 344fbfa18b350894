package network.mmc.jobs.archive;

import java.time.Instant;

/**
 * A window's row in the archive manifest ({@code call_archive}).
 *
 * @param file        the window's {@code calls.csv.gz}, as an absolute path
 * @param csvSha256   SHA-256 of the uncompressed CSV, header included
 * @param fileSha256  SHA-256 of the file as stored
 * @param idRanges    the primary-key ranges its rows were read from ({@code CallIdRanges.toText()})
 * @param removedRows how many of its rows have left call_record so far
 */
record ArchiveEntry(Instant windowStart, int revision, String inputSha256, String file, long rowCount,
                    String csvSha256, String fileSha256, String idRanges, Status status, long removedRows,
                    Instant archivedAt) {

    enum Status {
        /** File written and checked; rows being removed. */
        REMOVING,
        /** Every archived row removed from call_record. */
        ARCHIVED,
        /** The rows are back in call_record; the window may be re-run, and archived again. */
        RESTORED
    }
}
