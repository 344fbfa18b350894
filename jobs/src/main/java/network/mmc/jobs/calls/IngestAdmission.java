package network.mmc.jobs.calls;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Bounds how many REST batches are stored at once ({@code mmc.ingest.max-concurrent}). Past the bound a batch
 * waits at most {@code mmc.ingest.admission-wait} for a turn, then is refused before its body is read: under
 * overload clients are told to come back rather than every request slowing down until connections and memory
 * run out.
 */
@Component
class IngestAdmission {

    private final Semaphore turns;
    private final IngestSettings settings;

    IngestAdmission(IngestSettings settings) {
        this.turns = new Semaphore(settings.maxConcurrent());
        this.settings = settings;
    }

    <T> T admit(Supplier<T> work) {
        if (!tryAcquire()) {
            throw new IngestBusyException(settings.maxConcurrent(), settings.retryAfter());
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }

    private boolean tryAcquire() {
        try {
            return turns.tryAcquire(settings.admissionWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
