package network.mmc.ledger;

/** A withdrawal request the rules refuse; nothing is stored. The reason tells an adapter how to answer. */
public class WithdrawalRefusedException extends RuntimeException {

    /** Why a request was refused. */
    public enum Reason {
        /** amount or nonce is not a positive integer */
        MALFORMED,
        /** the wallet has no ledger line: nothing was ever settled to it */
        UNKNOWN_WALLET,
        /** the nonce is not above the wallet's last accepted one: a replay or an out-of-order request */
        STALE_NONCE,
        /** the amount is above what the wallet may still request */
        OVER_BALANCE
    }

    private final Reason reason;

    WithdrawalRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
