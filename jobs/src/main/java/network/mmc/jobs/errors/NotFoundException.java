package network.mmc.jobs.errors;

/** The thing a request names does not exist (HTTP 404, CLI exit 2). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
