package network.mmc.jobs.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import network.mmc.settlement.DecimalText;

/**
 * Writes RFC 4180 CSV, one cell at a time: a cell holding a comma, a quote or a line break is enclosed in double
 * quotes. For files meant for spreadsheets, a text cell that a spreadsheet would run as a formula (it starts with
 * {@code = + - @}, a tab or a CR) gets a leading {@code '}; numbers are written as they are, so -5 stays a number,
 * non-integers in {@link DecimalText}'s plain form. Lines end with LF.
 */
public final class CsvWriter {

    private final Appendable out;
    private final boolean neutraliseFormulas;
    private boolean rowStarted;

    private CsvWriter(Appendable out, boolean neutraliseFormulas) {
        this.out = out;
        this.neutraliseFormulas = neutraliseFormulas;
    }

    /** For files read back by programs, such as {@code audit}: every value exactly as given. */
    public static CsvWriter verbatim(Appendable out) {
        return new CsvWriter(out, false);
    }

    /** For files people open in a spreadsheet: text cells cannot start a formula. */
    public static CsvWriter forSpreadsheets(Appendable out) {
        return new CsvWriter(out, true);
    }

    /** A text cell; null is written as an empty cell. */
    public CsvWriter text(String value) {
        if (value == null) {
            return cell("");
        }
        return cell(neutraliseFormulas && startsAFormula(value) ? "'" + value : value);
    }

    public CsvWriter texts(String... values) {
        for (String value : values) {
            text(value);
        }
        return this;
    }

    public CsvWriter number(long value) {
        return cell(Long.toString(value));
    }

    public CsvWriter number(double value) {
        return cell(DecimalText.of(value));
    }

    public CsvWriter number(BigDecimal value) {
        return cell(DecimalText.of(value));
    }

    public CsvWriter flag(boolean value) {
        return cell(Boolean.toString(value));
    }

    public CsvWriter endRow() {
        append("\n");
        rowStarted = false;
        return this;
    }

    static String quoted(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }

    private static boolean startsAFormula(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
    }

    private CsvWriter cell(String value) {
        if (rowStarted) {
            append(",");
        }
        append(quoted(value));
        rowStarted = true;
        return this;
    }

    private void append(String text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
