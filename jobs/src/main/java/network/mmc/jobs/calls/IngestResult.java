package network.mmc.jobs.calls;

import java.util.List;

/**
 * Outcome of one REST batch: stored rows, re-sent event ids, the rows refused with their position and reason, the
 * policy that dated the records ({@code receipt-time}), and, by the window of their {@code called_at}, the accepted
 * records (stored or re-sent) that count in another window than the one they were made in.
 */
public record IngestResult(long received, long stored, long duplicates, List<RowRejection> rejected, String policy,
                           List<WindowCount> datedInOtherWindows) {
}
