package network.mmc.jobs.calls;

import java.time.Duration;

/** A REST batch refused because {@code mmc.ingest.max-concurrent} batches are being stored: nothing of it was read. */
final class IngestBusyException extends RuntimeException {

    private final Duration retryAfter;

    IngestBusyException(int maxConcurrent, Duration retryAfter) {
        super("the Hub is storing " + maxConcurrent + " batches of call records already (mmc.ingest.max-concurrent)."
                + " Nothing of this batch was stored: send it again after " + retryAfter.getSeconds() + " s", null,
                false, false);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
