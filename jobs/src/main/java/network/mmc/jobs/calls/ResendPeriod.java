package network.mmc.jobs.calls;

import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How long after a call a client may still send its record again and have it counted as a duplicate: a record whose
 * {@code called_at} is more than {@code mmc.ingest.max-age} before its receipt is refused, and one received is at most
 * {@code mmc.ingest.max-future-skew} before its {@code called_at}; call-record retention must keep rows longer.
 */
@Component
public class ResendPeriod {

    private final Duration maxAge;
    private final Duration maxFutureSkew;

    ResendPeriod(IngestSettings settings) {
        this.maxAge = settings.maxAge();
        this.maxFutureSkew = settings.maxFutureSkew();
    }

    public Duration length() {
        return maxAge.plus(maxFutureSkew);
    }

    /** How it is made up, in the property names an operator sets. */
    public String describe() {
        return "mmc.ingest.max-age (" + maxAge + ") + mmc.ingest.max-future-skew (" + maxFutureSkew + ")";
    }
}
