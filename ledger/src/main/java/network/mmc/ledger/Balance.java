package network.mmc.ledger;

/**
 * A wallet's money in base units (SETTLEMENT.md §6): {@code settled} = Σ its ledger lines, {@code requested} = Σ its
 * accepted withdrawal requests. What it may still request can be negative after a correction; later accruals then
 * pay that back first.
 */
public record Balance(long settled, long requested) {

    public long withdrawable() {
        return Math.subtractExact(settled, requested);
    }
}
