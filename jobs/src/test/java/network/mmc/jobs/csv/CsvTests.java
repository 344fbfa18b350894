package network.mmc.jobs.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTests {

    private static final List<String> HOSTILE = List.of("plain", "a,b", "say \"hi\"", "\"", ",", "", "=1+2",
            "two\nlines", "cr\rlf\r\n", " padded ", "-5", "@SUM(A1)", "\ttab", "\u00e9t\u00e9 \u2603");

    @Test
    void whatTheWriterWritesTheReaderReadsBackUnchanged() {
        StringBuilder file = new StringBuilder();
        CsvWriter writer = CsvWriter.verbatim(file);
        for (String value : HOSTILE) {
            writer.text("before").text(value).text("after").endRow();
        }
        writer.texts(HOSTILE.toArray(String[]::new)).endRow();

        List<List<String>> records = readAll(file.toString());

        assertThat(records).hasSize(HOSTILE.size() + 1);
        for (int i = 0; i < HOSTILE.size(); i++) {
            assertThat(records.get(i)).containsExactly("before", HOSTILE.get(i), "after");
        }
        assertThat(records.get(HOSTILE.size())).containsExactlyElementsOf(HOSTILE);
    }

    @Test
    void quotesOnlyFieldsThatNeedIt() {
        StringBuilder file = new StringBuilder();

        CsvWriter.verbatim(file).text("a,b").text("say \"hi\"").text("x\ny").text("plain").text(null).number(-5).endRow();

        assertThat(file).hasToString("\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",plain,,-5\n");
    }

    @Test
    void spreadsheetFilesDefuseTextThatStartsAFormulaButLeaveNumbers() {
        StringBuilder file = new StringBuilder();

        CsvWriter.forSpreadsheets(file).text("=HYPERLINK(\"http://evil\",\"x\")").text("+1").text("-2").text("@A1")
                .text("\tx").text("\rx").text("node-1").number(-5).number(-0.5).number(new BigDecimal("-1.25"))
                .endRow();

        assertThat(readAll(file.toString()).get(0)).containsExactly("'=HYPERLINK(\"http://evil\",\"x\")", "'+1", "'-2",
                "'@A1", "'\tx", "'\rx", "node-1", "-5", "-0.5", "-1.25");
    }

    @Test
    void verbatimFilesKeepEveryValueAsItIs() {
        StringBuilder file = new StringBuilder();

        CsvWriter.verbatim(file).text("=1+2").text("-5").text("@x").endRow();

        assertThat(file).hasToString("=1+2,-5,@x\n");
    }

    @Test
    void recordsEndAtLfCrlfOrCrAndNumberTheirFirstLine() {
        CsvReader reader = new CsvReader(new StringReader("a,b\r\n\"c\nd\",e\rf,g\n\nh"));

        assertThat(reader.next()).containsExactly("a", "b");
        assertThat(reader.line()).isEqualTo(1);
        assertThat(reader.next()).containsExactly("c\nd", "e");
        assertThat(reader.line()).isEqualTo(2);
        assertThat(reader.next()).containsExactly("f", "g");
        assertThat(reader.line()).isEqualTo(4);
        assertThat(reader.next()).containsExactly("");
        assertThat(reader.next()).containsExactly("h");
        assertThat(reader.line()).isEqualTo(6);
        assertThat(reader.next()).isNull();
    }

    @Test
    void refusesWhatRfc4180DoesNotAllowNamingTheRecordsLine() {
        CsvReader unclosed = new CsvReader(new StringReader("a,b\nc,\"d\n"));
        unclosed.next();

        assertThatThrownBy(unclosed::next).isInstanceOf(CsvFormatException.class).hasMessage("a quoted field is not closed");
        assertThat(unclosed.line()).isEqualTo(2);
        assertThatThrownBy(() -> CsvReader.parseLine("a,b\"c")).hasMessage("a quote inside field 2, which is not enclosed in quotes");
        assertThatThrownBy(() -> CsvReader.parseLine("\"a\"b,c")).hasMessage("text after the closing quote of field 1");
        assertThatThrownBy(() -> CsvReader.parseLine("a\rb")).hasMessage("a line break outside a quoted field");
    }

    @Test
    void parsesOneLineWithOrWithoutQuotes() {
        assertThat(CsvReader.parseLine("a,,b")).containsExactly("a", "", "b");
        assertThat(CsvReader.parseLine("")).containsExactly("");
        assertThat(CsvReader.parseLine("\"a,b\",\"\",\"\"\"\"")).containsExactly("a,b", "", "\"");
    }

    private static List<List<String>> readAll(String text) {
        CsvReader reader = new CsvReader(new StringReader(text));
        List<List<String>> records = new ArrayList<>();
        for (List<String> record = reader.next(); record != null; record = reader.next()) {
            records.add(record);
        }
        return records;
    }
}
