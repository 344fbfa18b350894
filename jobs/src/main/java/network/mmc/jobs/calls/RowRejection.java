package network.mmc.jobs.calls;

/** A row refused at ingest: its line (or array position, from 1) and why. */
public record RowRejection(long line, String reason) {
}
