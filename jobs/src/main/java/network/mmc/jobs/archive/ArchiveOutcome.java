package network.mmc.jobs.archive;

import java.time.Instant;

/**
 * What an archive run did with one window.
 *
 * @param removed rows this run removed from call_record (an interrupted earlier run may have removed the others)
 * @param failure why the window was not archived, null when it was
 */
public record ArchiveOutcome(Instant windowStart, String file, long rows, long removed, String failure) {

    public boolean failed() {
        return failure != null;
    }
}
