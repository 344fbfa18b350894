package network.mmc.jobs.calls;

import java.util.List;
import network.mmc.jobs.csv.CsvFormatException;
import network.mmc.jobs.csv.CsvReader;

/** Splits one line of an import file into its fields (RFC 4180 quoting; a record does not span lines). */
final class CsvLine {

    private CsvLine() {
    }

    static List<String> split(String line) throws InvalidRowException {
        try {
            return CsvReader.parseLine(line);
        } catch (CsvFormatException e) {
            throw new InvalidRowException(e.getMessage());
        }
    }
}
