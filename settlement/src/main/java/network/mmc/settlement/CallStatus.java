package network.mmc.settlement;

/** Outcome of a call; only {@link #SUCCESS} earns credits. */
public enum CallStatus {
    SUCCESS,
    FAILED,
    TIMEOUT,
    WRONG_RESULT
}
