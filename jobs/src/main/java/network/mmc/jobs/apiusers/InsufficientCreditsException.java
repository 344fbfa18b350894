package network.mmc.jobs.apiusers;

/** A task would cost more credits than the API user has available (HTTP 402). */
public class InsufficientCreditsException extends RuntimeException {

    public InsufficientCreditsException(String message) {
        super(message);
    }
}
