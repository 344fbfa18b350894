package network.mmc.jobs.calls;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import network.mmc.jobs.settlement.SettlementSettings;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Ingest of a REST batch: the JSON array is read as a stream, record by record, so that a batch over
 * {@code mmc.ingest.max-batch} is refused as soon as its record after the limit is seen; every record is
 * validated, the good ones are stored together, the rest reported by position.
 */
@Service
public class CallIngest {

    private final KnownNodes knownNodes;
    private final CallRecordLoader loader;
    private final Clock clock;
    private final IngestSettings settings;
    private final Duration period;
    private final IngestedCalls ingested;

    CallIngest(KnownNodes knownNodes, CallRecordLoader loader, Clock clock, IngestSettings settings,
               SettlementSettings settlement, IngestedCalls ingested) {
        this.knownNodes = knownNodes;
        this.loader = loader;
        this.clock = clock;
        this.settings = settings;
        this.period = settlement.period();
        this.ingested = ingested;
    }

    /** @param body a JSON array of call records, fields named as the CSV columns */
    public IngestResult ingest(InputStream body) {
        CallRowValidator validator = new CallRowValidator(knownNodes.forOneBatch(), settings.maxCredits(),
                settings.calledAtLimits(), IngestPolicy.RECEIPT_TIME);
        WindowTally datedElsewhere = new WindowTally(period);
        Instant recordedAt = clock.instant();
        List<CallRecordRow> good = new ArrayList<>();
        List<RowRejection> rejected = new ArrayList<>();
        int received = 0;
        try (JsonParser parser = JsonCallRecord.JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("the request body must be a JSON array of call records");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                received++;
                if (received > settings.maxBatch()) {
                    throw new BatchTooLargeException(settings.maxBatch());
                }
                try {
                    CallRecordRow row = validator.validate(JsonCallRecord.read(parser), recordedAt);
                    good.add(row);
                    datedElsewhere.countIfDatedElsewhere(row);
                } catch (InvalidRowException e) {
                    rejected.add(new RowRejection(received, e.getMessage()));
                }
            }
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("the request body goes on after its JSON array");
            }
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the request body " + JsonCallRecord.describe(e));
        }
        long stored = loader.load(good);
        ingested.count(IngestedCalls.Source.REST, stored, good.size() - stored, rejected.size());
        return new IngestResult(received, stored, good.size() - stored, rejected, IngestPolicy.RECEIPT_TIME.label(),
                datedElsewhere.counts());
    }
}
