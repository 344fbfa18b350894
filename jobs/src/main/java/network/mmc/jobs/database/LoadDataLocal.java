package network.mmc.jobs.database;

import com.mysql.cj.jdbc.JdbcStatement;
import java.io.ByteArrayInputStream;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The Hub's bulk writes: {@code LOAD DATA LOCAL INFILE} of text built in memory and streamed through Connector/J, in
 * one format: UTF-8, tab-separated, {@code \N} for null, backslash, tab and newline escaped.
 */
public final class LoadDataLocal {

    /** The clauses after {@code INTO TABLE t} that read this format. */
    public static final String FORMAT = " CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'"
            + " LINES TERMINATED BY '\\n'";

    private LoadDataLocal() {
    }

    /** Appends {@code value} as one field: {@code \N} for null, else escaped. */
    public static StringBuilder appendField(StringBuilder line, String value) {
        if (value == null) {
            return line.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> line.append("\\\\");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                default -> line.append(c);
            }
        }
        return line;
    }

    /** Runs {@code load}, a LOAD DATA LOCAL INFILE statement, on {@code text}; returns the rows it stored. */
    public static int execute(Statement statement, String load, byte[] text) throws SQLException {
        statement.unwrap(JdbcStatement.class).setLocalInfileInputStream(new ByteArrayInputStream(text));
        return statement.executeUpdate(load);
    }
}
