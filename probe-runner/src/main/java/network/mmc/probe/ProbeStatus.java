package network.mmc.probe;

/** The outcome of one probe, as recorded in the node's VALIDATOR call record. */
public enum ProbeStatus {
    SUCCESS,
    /** unreachable, refused, or answered with an error */
    FAILED,
    TIMEOUT,
    WRONG_RESULT
}
