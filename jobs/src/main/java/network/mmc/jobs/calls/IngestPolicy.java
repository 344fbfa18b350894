package network.mmc.jobs.calls;

/** Which window a stored call record counts in (README: Late call records). */
public enum IngestPolicy {

    /** The rule of SETTLEMENT.md §1: {@code recorded_at} is the Hub's receipt time; REST and plain imports. */
    RECEIPT_TIME("receipt-time"),

    /** Ops only ({@code import-calls --backfill}): {@code recorded_at} is the record's {@code called_at}. */
    BACKFILL("backfill");

    private final String label;

    IngestPolicy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
