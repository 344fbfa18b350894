package network.mmc.ledger;

/** One append-only ledger line of a run, in base units. */
public record LedgerEntry(String wallet, EntryType type, long amount) {
}
