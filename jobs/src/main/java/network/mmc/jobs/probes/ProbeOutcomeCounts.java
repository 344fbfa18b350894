package network.mmc.jobs.probes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import network.mmc.probe.ProbeOutcome;
import network.mmc.probe.ProbeStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** {@code mmc.probe.outcomes}: recorded probes by status, every status present from the start at 0. */
@Component
class ProbeOutcomeCounts {

    private final Map<ProbeStatus, Counter> counters = new EnumMap<>(ProbeStatus.class);

    ProbeOutcomeCounts(MeterRegistry registry) {
        for (ProbeStatus status : ProbeStatus.values()) {
            counters.put(status, Counter.builder("mmc.probe.outcomes")
                    .description("Probes recorded by validator rounds, by outcome")
                    .tag("status", status.name())
                    .register(registry));
        }
    }

    /** Counts the outcomes when the transaction that records them commits: a chunk rolled back counts nothing. */
    void recorded(List<ProbeOutcome> outcomes) {
        Runnable count = () -> outcomes.forEach(outcome -> counters.get(outcome.status()).increment());
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }
}
