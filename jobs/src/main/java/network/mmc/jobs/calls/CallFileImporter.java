package network.mmc.jobs.calls;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import network.mmc.jobs.csv.CsvWriter;
import network.mmc.jobs.settlement.SettlementSettings;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;

/**
 * Streams a CSV (with header) or NDJSON file of call records into the database in constant memory:
 * rows are validated one by one, bad ones go to a rejects file with their line number, and the good ones
 * are loaded in chunks while the next chunk is being parsed. A chunk is committed on its own, so a failure
 * never takes back rows already stored.
 */
@Service
public class CallFileImporter {

    // spreadsheet programs start their UTF-8 exports with one; it is not part of the first column's name
    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final KnownNodes knownNodes;
    private final CallRecordLoader loader;
    private final Clock clock;
    private final IngestSettings settings;
    private final Duration period;
    private final IngestedCalls ingested;

    CallFileImporter(KnownNodes knownNodes, CallRecordLoader loader, Clock clock, IngestSettings settings,
                     SettlementSettings settlement, IngestedCalls ingested) {
        this.knownNodes = knownNodes;
        this.loader = loader;
        this.clock = clock;
        this.settings = settings;
        this.period = settlement.period();
        this.ingested = ingested;
    }

    /** Imports under the receipt-time rule: every record counts in the window that receives it. */
    public ImportSummary importFile(Path file, PrintStream progress) {
        return counted(importFile(file, IngestPolicy.RECEIPT_TIME, rows -> {
            byte[] encoded = CallRecordLoader.encode(rows);
            int count = rows.size();
            List<String> undated = CallRecordLoader.undated(rows);
            return () -> loader.load(encoded, count, undated);
        }, progress));
    }

    /** Stores a backfill: each chunk's rows grouped by window, with the id ranges they took (see V13). */
    ImportSummary importBackfill(Path file, PrintStream progress) {
        WindowTally windows = new WindowTally(period);
        return counted(importFile(file, IngestPolicy.BACKFILL, rows -> {
            Map<Instant, List<CallRecordRow>> byWindow = new TreeMap<>();
            rows.forEach(row -> byWindow.computeIfAbsent(windows.windowOf(row.recordedAt()), w -> new ArrayList<>()).add(row));
            List<CallRecordLoader.WindowRows> groups = byWindow.entrySet().stream().map(e ->
                    new CallRecordLoader.WindowRows(e.getKey(), CallRecordLoader.encode(e.getValue()), e.getValue().size()))
                    .toList();
            return () -> loader.loadBackfill(groups);
        }, progress));
    }

    // only imports that store: a backfill's check reads the same file through importFile without storing anything
    private ImportSummary counted(ImportSummary summary) {
        ingested.count(IngestedCalls.Source.IMPORT, summary.stored(), summary.duplicates(), summary.rejected());
        return summary;
    }

    /** Reads, validates and hands the valid rows to {@code store} chunk by chunk; nothing else is stored. */
    ImportSummary importFile(Path file, IngestPolicy policy, ChunkStore store, PrintStream progress) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file);
        }
        Path rejectsFile = file.resolveSibling(file.getFileName() + ".rejects.csv");
        long startNanos = System.nanoTime();
        int chunkRows = settings.chunkRows();
        CallRowValidator validator = new CallRowValidator(knownNodes.forOneBatch(), settings.maxCredits(),
                settings.calledAtLimits(), policy);
        WindowTally tally = new WindowTally(period);
        ExecutorService loading = Executors.newSingleThreadExecutor(r -> new Thread(r, "call-record-loader"));
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             BufferedWriter rejects = Files.newBufferedWriter(rejectsFile, StandardCharsets.UTF_8)) {
            rejects.write("line,reason\n");
            Counts counts = new Counts();
            RowSource source = null;
            List<CallRecordRow> chunk = new ArrayList<>(chunkRows);
            Future<Long> inFlight = null;
            int inFlightRows = 0;
            long lineNumber = 0;
            // the receipt time (recorded_at, unless backfilling); one reading per chunk keeps ids and times in step
            Instant receivedAt = clock.instant();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith(BYTE_ORDER_MARK)) {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                if (source == null) {
                    source = line.stripLeading().startsWith("{") ? new NdjsonSource() : CsvSource.fromHeader(line);
                    if (source instanceof CsvSource) {
                        continue;
                    }
                }
                counts.read++;
                try {
                    CallRecordRow row = validator.validate(source.fields(line), receivedAt);
                    chunk.add(row);
                    if (policy == IngestPolicy.BACKFILL) {
                        tally.count(row);
                    } else {
                        tally.countIfDatedElsewhere(row);
                    }
                } catch (InvalidRowException e) {
                    counts.rejected++;
                    CsvWriter.forSpreadsheets(rejects).number(lineNumber).text(e.getMessage()).endRow();
                }
                if (chunk.size() == chunkRows) {
                    counts.stored += await(inFlight, inFlightRows, counts);
                    inFlight = loading.submit(store.prepare(chunk));
                    inFlightRows = chunk.size();
                    chunk = new ArrayList<>(chunkRows);
                    receivedAt = clock.instant();
                    progress.printf("  %,d rows read, %,d stored so far%n", counts.read, counts.stored);
                }
            }
            counts.stored += await(inFlight, inFlightRows, counts);
            if (!chunk.isEmpty()) {
                counts.stored += await(loading.submit(store.prepare(chunk)), chunk.size(), counts);
            }
            boolean backfill = policy == IngestPolicy.BACKFILL;
            return new ImportSummary(counts.read, counts.stored, counts.read - counts.rejected - counts.stored,
                    counts.rejected, rejectsFile, Duration.ofNanos(System.nanoTime() - startNanos), policy,
                    backfill ? List.of() : tally.counts(), backfill ? tally.counts() : List.of());
        } catch (IOException e) {
            throw new IllegalStateException("reading " + file + " failed: " + e.getMessage(), e);
        } finally {
            loading.shutdownNow();
        }
    }

    private static long await(Future<Long> inFlight, int rows, Counts counts) {
        if (inFlight == null) {
            return 0;
        }
        try {
            return inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("import interrupted with " + counts.stored + " rows stored");
        } catch (ExecutionException e) {
            throw new IllegalStateException("storing a chunk of " + rows + " rows failed after " + counts.stored
                    + " rows were stored: " + e.getCause().getMessage(), e.getCause());
        }
    }

    private static final class Counts {
        long read;
        long stored;
        long rejected;
    }

    private interface RowSource {
        Function<CallField, String> fields(String line) throws InvalidRowException;
    }

    private record CsvSource(Map<CallField, Integer> positions, int columns) implements RowSource {

        static CsvSource fromHeader(String header) {
            Map<CallField, Integer> positions = new EnumMap<>(CallField.class);
            List<String> names;
            try {
                names = CsvLine.split(header.strip());
            } catch (InvalidRowException e) {
                throw new IllegalArgumentException("the CSV header is malformed: " + e.getMessage());
            }
            for (int i = 0; i < names.size(); i++) {
                CallField field = CallField.byColumn(names.get(i).strip().toLowerCase());
                if (field == null) {
                    throw new IllegalArgumentException("unknown CSV column '" + names.get(i) + "'; expected "
                            + CallField.CSV_HEADER);
                }
                if (positions.put(field, i) != null) {
                    throw new IllegalArgumentException("CSV column " + field.column + " appears twice in the header");
                }
            }
            return new CsvSource(positions, names.size());
        }

        @Override
        public Function<CallField, String> fields(String line) throws InvalidRowException {
            List<String> values = CsvLine.split(line);
            if (values.size() != columns) {
                throw new InvalidRowException("has " + values.size() + " columns, the header has " + columns);
            }
            return field -> {
                Integer position = positions.get(field);
                return position == null ? null : values.get(position);
            };
        }
    }

    private static final class NdjsonSource implements RowSource {

        @Override
        public Function<CallField, String> fields(String line) throws InvalidRowException {
            try (JsonParser parser = JsonCallRecord.JSON.createParser(line)) {
                parser.nextToken();
                Function<CallField, String> fields = JsonCallRecord.read(parser);
                if (parser.nextToken() != null) {
                    throw new InvalidRowException("goes on after its JSON object");
                }
                return fields;
            } catch (JacksonException e) {
                throw new InvalidRowException(JsonCallRecord.describe(e));
            }
        }
    }
}
