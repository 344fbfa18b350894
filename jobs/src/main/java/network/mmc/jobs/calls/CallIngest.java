package network.mmc.jobs.calls;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Ingest of a REST batch: validate every record, store the good ones, report the rest by position. */
@Service
public class CallIngest {

    private final KnownNodes knownNodes;
    private final CallRecordLoader loader;
    private final Clock clock;
    private final int maxBatch;

    CallIngest(KnownNodes knownNodes, CallRecordLoader loader, Clock clock, @Value("${mmc.ingest.max-batch}") int maxBatch) {
        this.knownNodes = knownNodes;
        this.loader = loader;
        this.clock = clock;
        this.maxBatch = maxBatch;
    }

    /** @param records each record's fields by column name ({@code event_id}, {@code node_id}, …) */
    public IngestResult ingest(List<Map<String, String>> records) {
        if (records.size() > maxBatch) {
            throw new IllegalArgumentException("a batch holds at most " + maxBatch + " records, got " + records.size());
        }
        CallRowValidator validator = new CallRowValidator(knownNodes.load());
        Instant recordedAt = clock.instant();
        List<CallRecordRow> good = new ArrayList<>(records.size());
        List<RowRejection> rejected = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, String> record = records.get(i);
            try {
                good.add(validator.validate(field -> record.get(field.column), recordedAt));
            } catch (InvalidRowException e) {
                rejected.add(new RowRejection(i + 1, e.getMessage()));
            }
        }
        long stored = loader.load(good);
        return new IngestResult(records.size(), stored, good.size() - stored, rejected);
    }
}
