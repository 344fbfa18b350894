package network.mmc.jobs.calls;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code mmc.calls.ingested}: call records this process received, by where they came from ({@code source}: rest,
 * import) and what became of them ({@code outcome}: stored, duplicate, rejected). Every series exists from the
 * start, at 0, so that a rate over it is defined before the first record arrives.
 */
@Component
class IngestedCalls {

    enum Source {
        REST,
        /** {@code import-calls}, backfills included: counted in the process that imports, not in {@code serve} */
        IMPORT
    }

    private final Map<Source, Counter> stored = new EnumMap<>(Source.class);
    private final Map<Source, Counter> duplicates = new EnumMap<>(Source.class);
    private final Map<Source, Counter> rejected = new EnumMap<>(Source.class);

    IngestedCalls(MeterRegistry registry) {
        for (Source source : Source.values()) {
            stored.put(source, counter(registry, source, "stored"));
            duplicates.put(source, counter(registry, source, "duplicate"));
            rejected.put(source, counter(registry, source, "rejected"));
        }
    }

    private static Counter counter(MeterRegistry registry, Source source, String outcome) {
        return Counter.builder("mmc.calls.ingested")
                .description("Call records received, by source and by what became of them")
                .tag("source", source.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .register(registry);
    }

    void count(Source source, long storedRecords, long duplicateRecords, long rejectedRecords) {
        stored.get(source).increment(storedRecords);
        duplicates.get(source).increment(duplicateRecords);
        rejected.get(source).increment(rejectedRecords);
    }
}
