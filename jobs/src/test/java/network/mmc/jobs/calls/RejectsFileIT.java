package network.mmc.jobs.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import network.mmc.jobs.csv.CsvReader;
import network.mmc.jobs.support.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The rejects file of an import is CSV a spreadsheet or a program reads back as one line per rejected row. */
class RejectsFileIT extends HubIntegrationTest {

    @Autowired
    CallFileImporter importer;

    @Test
    void reasonsNamingHostileValuesKeepOneRecordOfTwoFieldsPerRejectedRow(@TempDir Path dir) throws Exception {
        String p = UUID.randomUUID().toString();
        Path ndjson = dir.resolve("calls.ndjson");
        Files.writeString(ndjson, String.join("\n",
                "{\"event_id\":\"" + p + "-1\",\"node_id\":\"=cmd,1,2\",\"caller_type\":\"API_USER\",\"status\":\"SUCCESS\",\"credits\":1}",
                "{\"event_id\":\"" + p + "-2\",\"node_id\":\"say \\\"hi\\\"\",\"caller_type\":\"API_USER\",\"status\":\"SUCCESS\",\"credits\":1}",
                "{\"event_id\":\"" + p + "-3\",\"node_id\":\"plain\",\"caller_type\":\"API_USER\",\"status\":\"SUCCESS\",\"credits\":1}")
                + "\n");

        ImportSummary summary = importer.importFile(ndjson, new PrintStream(new ByteArrayOutputStream()));

        List<List<String>> rows = new ArrayList<>();
        try (CsvReader rejects = new CsvReader(Files.newBufferedReader(summary.rejectsFile(), StandardCharsets.UTF_8))) {
            for (List<String> row = rejects.next(); row != null; row = rejects.next()) {
                rows.add(row);
            }
        }
        assertThat(summary.rejected()).isEqualTo(3);
        assertThat(rows).hasSize(4).allSatisfy(row -> assertThat(row).hasSize(2));
        assertThat(rows.get(0)).containsExactly("line", "reason");
        assertThat(rows.subList(1, 4)).extracting(row -> row.get(0)).containsExactly("1", "2", "3");
        assertThat(rows.get(1).get(1)).isEqualTo("node_id may only contain A-Z a-z 0-9 . _ : -; it has '=' at position 1");
        assertThat(rows.get(2).get(1)).isEqualTo("node_id may only contain A-Z a-z 0-9 . _ : -; it has a space at position 4");
        assertThat(rows.get(3).get(1)).isEqualTo("unknown node 'plain'");
    }
}
