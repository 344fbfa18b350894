package network.mmc.jobs.csv;

/** A CSV record that RFC 4180 does not allow, such as a quoted field that is never closed. */
public class CsvFormatException extends IllegalArgumentException {

    CsvFormatException(String message) {
        super(message);
    }
}
