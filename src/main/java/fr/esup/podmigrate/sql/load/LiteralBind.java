package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.load.InsertRewriter.BoundColumns;
import fr.esup.podmigrate.sql.script.LiteralInserts.LiteralInsert;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

/**
 * An INSERT of literal rows (see {@link fr.esup.podmigrate.sql.script.LiteralInserts}) sent as a prepared INSERT
 * whose values are bound, its rows in batches, which the driver sends as MariaDB's bulk command: the server stores
 * each value as it comes, where the INSERT's text (or a LOAD DATA's) makes it read every byte again (a quarter of its
 * time on a nightly's rows, measured with perf). Each value is bound as the string the INSERT writes, which the server converts as it
 * converts that literal; a number whose text the server would not store as written in a string column (an exponent,
 * a leading zero, {@code -0}) keeps its statement as text.
 *
 * <p>The batch counts only when it gives no warning and writes each of its rows: else the import rolls it back and
 * runs the INSERT as written, which fails, warns and is accounted for as it always was.
 */
final class LiteralBind {

    /**
     * Rows a batch holds at most: the driver keeps an object per value until the batch is sent, which for a statement
     * of 16 MiB of short values on each of four connections would not fit in a heap of 256 MiB.
     */
    private static final int BATCH_ROWS = 4096;

    private LiteralBind() {
    }

    /**
     * The prepared statement's text.
     *
     * @param columns its column list and VALUES (see {@link InsertRewriter#boundColumns})
     */
    static String statement(String targetTable, boolean ignore, BoundColumns columns) {
        return "INSERT" + (ignore ? " IGNORE" : "") + " INTO " + Identifiers.quote(targetTable) + columns.sql();
    }

    /**
     * Adds the INSERT's rows to the statement's batch from row {@code from}, {@link #BATCH_ROWS} at most, up to one
     * the driver would send in a command of its own: it gives each column's type once, the first row's, and starts
     * another command where a value comes for a column the first row had NULL in. Each command is a statement of its
     * own, whose warnings the import must read before the next one.
     *
     * @param binary whether the values go as bytes: every text column of the table is utf8mb4 (see
     *               {@link BinaryRows}); else as UTF-8 text
     * @return the row after the last one added
     */
    static int bind(PreparedStatement insert, LiteralInsert rows, int[] parameters, boolean binary, int from)
            throws SQLException {
        boolean[] nullFirst = new boolean[parameters.length];
        int row = from;
        for (; row < rows.rowCount() && row - from < BATCH_ROWS; row++) {
            int first = row * rows.arity();
            if (row > from && newType(rows, first, parameters, nullFirst)) {
                break;
            }
            for (int p = 0; p < parameters.length; p++) {
                int value = first + parameters[p];
                if (rows.isNull(value)) {
                    nullFirst[p] |= row == from;
                    insert.setNull(p + 1, binary ? Types.VARBINARY : Types.VARCHAR);
                } else if (binary) {
                    insert.setBytes(p + 1, rows.value(value));
                } else {
                    insert.setString(p + 1, new String(rows.value(value), StandardCharsets.UTF_8));
                }
            }
            insert.addBatch();
        }
        return row;
    }

    private static boolean newType(LiteralInsert rows, int first, int[] parameters, boolean[] nullFirst) {
        for (int p = 0; p < parameters.length; p++) {
            if (nullFirst[p] && !rows.isNull(first + parameters[p])) {
                return true;
            }
        }
        return false;
    }
}
