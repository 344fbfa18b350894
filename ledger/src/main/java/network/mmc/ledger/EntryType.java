package network.mmc.ledger;

/** The two kinds of ledger line (SETTLEMENT.md §6). */
public enum EntryType {
    /** What revision 1 of a window pays a wallet. */
    ACCRUAL,
    /** What a re-run changes for a wallet: its new amount minus what the earlier revisions posted (may be negative). */
    CORRECTION
}
