package network.mmc.jobs.calls;

import java.time.Instant;

/** How many records of an ingest belong, by their {@code called_at}, to the settlement window starting then. */
public record WindowCount(Instant windowStart, long records) {
}
