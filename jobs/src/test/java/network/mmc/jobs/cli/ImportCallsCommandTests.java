package network.mmc.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import network.mmc.jobs.calls.ImportSummary;
import network.mmc.jobs.calls.IngestPolicy;
import org.junit.jupiter.api.Test;

class ImportCallsCommandTests {

    private static final Path REJECTS = Path.of("calls.csv.rejects.csv");

    @Test
    void aShortImportShowsItsTimeInMillisecondsAndNoRate() {
        ImportSummary summary = new ImportSummary(18_030, 18_000, 20, 10, REJECTS, Duration.ofNanos(41_700_000),
                IngestPolicy.RECEIPT_TIME, List.of(), List.of());

        assertThat(ImportCallsCommand.line(summary)).isEqualTo(
                "read 18,030 rows: 18,000 stored, 20 duplicates, 10 rejected (calls.csv.rejects.csv) in 41 ms");
    }

    @Test
    void anImportOfASecondOrMoreShowsItsRate() {
        ImportSummary summary = new ImportSummary(1_000_000, 1_000_000, 0, 0, REJECTS, Duration.ofMillis(12_500),
                IngestPolicy.RECEIPT_TIME, List.of(), List.of());

        assertThat(ImportCallsCommand.line(summary)).isEqualTo(
                "read 1,000,000 rows: 1,000,000 stored, 0 duplicates, 0 rejected (calls.csv.rejects.csv) in 12.5 s,"
                        + " 80,000 rows/s");
    }
}
