package network.mmc.jobs.crypto;

/** A request whose key, address or signature is malformed or does not verify; the message names what. */
public class InvalidSignedRequestException extends RuntimeException {

    public InvalidSignedRequestException(String message) {
        super(message);
    }
}
