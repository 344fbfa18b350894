package network.mmc.jobs.calls;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code mmc.ingest.*}.
 *
 * @param maxBatch      most records in one {@code POST /api/calls}
 * @param chunkRows     rows per committed chunk of a file import
 * @param maxCredits    most credits one call record may carry; with the default of 10^6 a node's credits in a
 *                      window stay exact as doubles (below 2^53) up to 9·10^9 records, and far from overflowing
 * @param maxFutureSkew how far after its receipt a record's {@code called_at} may be (the callers' clocks run ahead)
 * @param maxAge        how far before its receipt a record's {@code called_at} may be
 * @param maxConcurrent most {@code POST /api/calls} batches stored at once; one more is refused with 429
 * @param admissionWait how long a batch beyond {@code maxConcurrent} waits for a turn before it is refused
 * @param retryAfter    what a refused batch's {@code Retry-After} asks the client to wait (whole seconds)
 */
@ConfigurationProperties("mmc.ingest")
record IngestSettings(int maxBatch, int chunkRows, long maxCredits, Duration maxFutureSkew, Duration maxAge,
                      int maxConcurrent, Duration admissionWait, Duration retryAfter) {

    // settlement reads a node's credits as a double, exact only below 2^53
    static final long MAX_CREDITS_LIMIT = (1L << 53) - 1;

    IngestSettings {
        if (maxBatch < 1 || chunkRows < 1) {
            throw new IllegalArgumentException("mmc.ingest.max-batch and mmc.ingest.chunk-rows must be at least 1");
        }
        if (maxCredits < 1 || maxCredits > MAX_CREDITS_LIMIT) {
            throw new IllegalArgumentException("mmc.ingest.max-credits must be between 1 and " + MAX_CREDITS_LIMIT
                    + ", got " + maxCredits);
        }
        if (maxFutureSkew == null || maxFutureSkew.isNegative() || maxAge == null || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("mmc.ingest.max-future-skew must be set and not negative, and"
                    + " mmc.ingest.max-age set and positive; got " + maxFutureSkew + " and " + maxAge);
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("mmc.ingest.max-concurrent must be at least 1, got " + maxConcurrent);
        }
        if (admissionWait == null || admissionWait.isNegative()) {
            throw new IllegalArgumentException("mmc.ingest.admission-wait must be set and not negative, got " + admissionWait);
        }
        // Retry-After (RFC 9110) counts whole seconds
        if (retryAfter == null || retryAfter.getSeconds() < 1 || retryAfter.getNano() != 0) {
            throw new IllegalArgumentException("mmc.ingest.retry-after must be a whole number of seconds, at least 1;"
                    + " got " + retryAfter);
        }
    }

    CalledAtLimits calledAtLimits() {
        return new CalledAtLimits(maxFutureSkew, maxAge);
    }
}
