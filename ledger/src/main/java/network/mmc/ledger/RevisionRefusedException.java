package network.mmc.ledger;

/** A run the revision rules refuse for the window as it stands; nothing is written. */
public class RevisionRefusedException extends RuntimeException {

    RevisionRefusedException(String message) {
        super(message);
    }
}
