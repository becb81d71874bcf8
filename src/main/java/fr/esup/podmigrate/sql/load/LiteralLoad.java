package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.script.LiteralInserts.LiteralInsert;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;

/**
 * An INSERT of literal rows (see {@link fr.esup.podmigrate.sql.script.LiteralInserts}) loaded as
 * {@code LOAD DATA LOCAL} from the script's own bytes: our side sends them as they are, where an INSERT's text is
 * decoded, rewritten and encoded again, and the server reads rows without parsing an expression per value. The
 * format makes LOAD DATA read each value as the INSERT's: {@code NULL} unquoted is NULL, strings are enclosed in
 * quotes with their backslash escapes and doubled quotes, a tuple is a line from {@code (} to {@code )}.
 *
 * <p>With LOCAL, the server turns into warnings what would fail the INSERT (a duplicate key, a value out of
 * strict mode's bounds). So a LOAD DATA counts only when it gives no warning and writes every tuple: else the import
 * rolls it back and runs the INSERT, which fails, warns and is accounted for as it always was.
 */
final class LiteralLoad {

    /** MariaDB's refusals of LOCAL: the server's local_infile is OFF, or the command is not allowed. */
    private static final Set<Integer> REFUSALS = Set.of(1148, 4166);
    private static final String NO_BACKSLASH_ESCAPES = "NO_BACKSLASH_ESCAPES";

    private LiteralLoad() {
    }

    /**
     * The statement that loads the rows into the target table.
     *
     * @param columns the column list, and the SET clause of computed columns, with its leading space (see
     *                {@link InsertRewriter#loadColumns}), or empty
     * @param binary  whether the rows go as bytes: every text column of the table is utf8mb4 (see {@link BinaryRows})
     */
    static String statement(LiteralInsert insert, String targetTable, boolean ignore, String columns, boolean binary) {
        return "LOAD DATA LOCAL INFILE 'pod-migrate-rows'" + (insert.replace() ? " REPLACE" : ignore ? " IGNORE" : "")
                + " INTO TABLE "
                + Identifiers.quote(targetTable) + " CHARACTER SET " + (binary ? "binary" : "utf8mb4")
                + " FIELDS TERMINATED BY '" + insert.separator() + "' ENCLOSED BY '''' ESCAPED BY '\\\\'"
                + " LINES STARTING BY '(' TERMINATED BY ')'" + columns;
    }

    /**
     * Hands the statement rows in its format, {@code rows[from, from + length)}: an INSERT's own bytes, or several's
     * gathered; the next statement executed takes them.
     */
    static void supplyRows(Statement statement, byte[] rows, int from, int length) throws SQLException {
        statement.unwrap(org.mariadb.jdbc.Statement.class).setLocalInfileInputStream(
                new ByteArrayInputStream(rows, from, length));
    }

    /** Whether the server or the driver refuses LOAD DATA LOCAL altogether, so that no other one is tried. */
    static boolean refused(SQLException error) {
        return REFUSALS.contains(error.getErrorCode())
                || (error.getMessage() != null && error.getMessage().toLowerCase(Locale.ROOT).contains("local infile"));
    }

    /**
     * Whether the session reads backslashes in strings as escapes, which the LOAD DATA format takes for granted, and
     * the values bound for an INSERT too (see {@link fr.esup.podmigrate.sql.script.LiteralInserts.LiteralInsert#value}).
     */
    static boolean backslashEscapes(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement(); ResultSet mode = query.executeQuery("SELECT @@sql_mode")) {
            return mode.next() && (mode.getString(1) == null || !mode.getString(1).toUpperCase(Locale.ROOT).contains(NO_BACKSLASH_ESCAPES));
        }
    }
}
