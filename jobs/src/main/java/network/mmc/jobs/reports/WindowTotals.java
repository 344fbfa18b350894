package network.mmc.jobs.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One window of a report's recent history.
 *
 * @param credits credits of the window's latest completed revision; 0 when the window is not settled
 * @param pool    that revision's pool in base units; 0 when the window is not settled
 * @param probes  probe results called in the window, by status (every one of {@link #PROBE_STATUSES})
 */
record WindowTotals(Instant start, long credits, long pool, Map<String, Long> probes) {

    /** The outcomes a probe result can have ({@code ck_probe_status}). */
    static final List<String> PROBE_STATUSES = List.of("SUCCESS", "FAILED", "TIMEOUT", "WRONG_RESULT");

    /** How many windows, up to and including the report's, the history shows. */
    static final int WINDOWS = 12;
}
