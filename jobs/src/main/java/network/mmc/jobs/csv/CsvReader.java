package network.mmc.jobs.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV: fields separated by commas; a field that holds a comma, a quote or a line break is
 * enclosed in double quotes, with {@code ""} for a quote inside. A record ends at LF, CRLF or CR outside quotes.
 * The counterpart of {@link CsvWriter}: what it writes, this reads back unchanged.
 */
public final class CsvReader implements Closeable {

    private final Reader in;
    private final char[] buffer;
    private final StringBuilder field = new StringBuilder();
    private int position;
    private int limit;
    private long nextLine = 1;
    private long recordLine;

    public CsvReader(Reader in) {
        this(in, 8192);
    }

    private CsvReader(Reader in, int bufferSize) {
        this.in = in;
        this.buffer = new char[bufferSize];
    }

    /** The fields of one line that holds one record (no line break outside quotes). */
    public static List<String> parseLine(String line) {
        if (line.indexOf('"') < 0 && line.indexOf('\n') < 0 && line.indexOf('\r') < 0) {
            List<String> fields = new ArrayList<>(12);
            int start = 0;
            for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', start)) {
                fields.add(line.substring(start, comma));
                start = comma + 1;
            }
            fields.add(line.substring(start));
            return fields;
        }
        CsvReader reader = new CsvReader(new StringReader(line), line.length());
        List<String> fields = reader.next();
        if (reader.next() != null) {
            throw new CsvFormatException("a line break outside a quoted field");
        }
        return fields;
    }

    /**
     * @return the next record's fields (an empty line gives one empty field), or null after the last record
     * @throws CsvFormatException naming what is wrong with the record that starts at {@link #line()}
     */
    public List<String> next() {
        int c = read();
        if (c < 0) {
            return null;
        }
        recordLine = nextLine;
        List<String> fields = new ArrayList<>(12);
        while (true) {
            field.setLength(0);
            if (c == '"') {
                c = readQuoted();
                if (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    throw new CsvFormatException("text after the closing quote of field " + (fields.size() + 1));
                }
            } else {
                while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                    if (c == '"') {
                        throw new CsvFormatException("a quote inside field " + (fields.size() + 1)
                                + ", which is not enclosed in quotes");
                    }
                    field.append((char) c);
                    c = read();
                }
            }
            fields.add(field.toString());
            if (c != ',') {
                endRecord(c);
                return fields;
            }
            c = read();
        }
    }

    /** The line on which the record last returned (or refused) by {@link #next()} starts, counting from 1. */
    public long line() {
        return recordLine;
    }

    /** Reads a quoted field's content into {@link #field}; returns the character after its closing quote. */
    private int readQuoted() {
        while (true) {
            int c = read();
            if (c < 0) {
                throw new CsvFormatException("a quoted field is not closed");
            }
            if (c == '"') {
                c = read();
                if (c != '"') {
                    return c;
                }
            } else if (c == '\n' || c == '\r' && peek() != '\n') {
                nextLine++;
            }
            field.append((char) c);
        }
    }

    private void endRecord(int terminator) {
        if (terminator == '\r' && peek() == '\n') {
            read();
        }
        if (terminator >= 0) {
            nextLine++;
        }
    }

    private int read() {
        int c = peek();
        if (c >= 0) {
            position++;
        }
        return c;
    }

    private int peek() {
        if (position == limit) {
            try {
                limit = in.read(buffer, 0, buffer.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position];
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
