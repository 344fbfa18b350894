package network.mmc.jobs.token;

/** The cluster did not answer a read, or answered nothing usable; the message names the RPC and what was asked. */
public class ChainUnavailableException extends RuntimeException {

    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
