package network.mmc.jobs.errors;

/** The request is well-formed but the current state refuses it (HTTP 409, CLI exit 2). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
