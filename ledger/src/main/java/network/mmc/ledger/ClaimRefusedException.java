package network.mmc.ledger;

/** A claim the rules refuse; nothing is stored and nothing sent. The reason tells an adapter how to answer. */
public class ClaimRefusedException extends RuntimeException {

    /** Why a claim was refused. */
    public enum Reason {
        /** version or cumulative amount missing or not positive */
        MALFORMED,
        /** no distribution has that version */
        UNKNOWN_VERSION,
        /** the version exists but its root is not confirmed on chain */
        NOT_CONFIRMED,
        /** the version holds no leaf for the wallet */
        NOT_IN_VERSION,
        /** the Merkle proof of (wallet, cumulative) does not lead to the version's root */
        PROOF_INVALID,
        /** the wallet has already claimed the cumulative amount, or more */
        NOTHING_TO_CLAIM
    }

    private final Reason reason;

    ClaimRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
