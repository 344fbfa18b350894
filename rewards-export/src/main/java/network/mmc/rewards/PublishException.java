package network.mmc.rewards;

/** Publishing did not reach the wanted commitment; the message says why (RPC down, rejected, timed out). */
public class PublishException extends RuntimeException {

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
