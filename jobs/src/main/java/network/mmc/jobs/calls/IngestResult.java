package network.mmc.jobs.calls;

import java.util.List;

/** Outcome of one REST batch: stored rows, re-sent event ids, and the rows refused with their position and reason. */
public record IngestResult(long received, long stored, long duplicates, List<RowRejection> rejected) {
}
