package network.mmc.jobs.settlement;

/** The primary-key range {@code [first, last]} that holds a window's call records (empty when first > last). */
public record CallIdRange(long first, long last) {

    static final CallIdRange EMPTY = new CallIdRange(1, 0);

    public boolean isEmpty() {
        return first > last;
    }
}
