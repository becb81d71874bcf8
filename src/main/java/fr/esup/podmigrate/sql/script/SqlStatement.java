package fr.esup.podmigrate.sql.script;

import java.util.List;

/**
 * One statement of a script, as the {@code mariadb} client would send it to the server.
 *
 * @param text         the SQL to send: trimmed, without its delimiter and plain comments, executable comments kept
 * @param line         1-based line of the script where the statement starts
 * @param startOffset  byte offset in the (uncompressed) script of the statement's first character
 * @param endOffset    byte offset just after the statement and its delimiter: where the next one is looked for
 * @param kind         what the statement does
 * @param schema       the database written before the table ({@code db} of {@code db.t}), or the database a
 *                     USE, CREATE DATABASE, ALTER DATABASE or DROP DATABASE names; null when none is written
 * @param table        the table the statement acts on, unquoted (for a trigger, the table it is ON; for a view,
 *                     the view); the first one when the statement names several; null when none
 * @param ignore       an INSERT IGNORE
 * @param columns      the column list of an INSERT or REPLACE, unquoted; empty when the values are positional
 * @param rowCount     rows an INSERT or REPLACE writes: its VALUES tuples, 1 for the SET form, -1 when they come
 *                     from a SELECT or the statement is not an INSERT or REPLACE
 * @param valuesOffset index in {@code text} of the first VALUES tuple's parenthesis (see {@link InsertValues}),
 *                     -1 when there is none
 * @param valuesEnd    index in {@code text} just after the last VALUES tuple (where ON DUPLICATE KEY UPDATE would
 *                     start), -1 when there is none
 * @param valuesNested whether a VALUES tuple holds parentheses outside quotes: a function call or a subquery, where
 *                     a dump's tuples hold literals only
 * @param doubleEncoded whether the statement was read in a single-byte client charset (SET NAMES latin1) though
 *                      its bytes are multi-byte UTF-8: the client stores such text double-encoded ("Ã©" for "é"),
 *                      and so does an import
 * @param textBytes    the length of {@code text} in UTF-8: the bytes the server receives
 * @param supplementaryCharacters the characters beyond U+FFFF (emoji, rare ideographs) of an INSERT or REPLACE read
 *                     by an analysis (see {@link StatementReader#abridgingInserts}), which a utf8mb3 column stores as
 *                     '?'; 0 for any other statement
 * @param abridged     whether {@code text} stops where the VALUES tuples start: how an analysis reads an INSERT of
 *                     literal tuples (see {@link StatementReader#abridgingInserts}), whose head alone it looks
 *                     at; such a statement is never executed
 */
public record SqlStatement(String text, long line, long startOffset, long endOffset, StatementKind kind,
                           String schema, String table, boolean ignore, List<String> columns, int rowCount,
                           int valuesOffset, int valuesEnd, boolean valuesNested,
                           boolean doubleEncoded, int textBytes, int supplementaryCharacters, boolean abridged) {

    public SqlStatement {
        columns = List.copyOf(columns);
    }

    /** The same statement, told to start on {@code newLine} of the script. */
    SqlStatement atLine(long newLine) {
        return new SqlStatement(text, newLine, startOffset, endOffset, kind, schema, table, ignore, columns, rowCount,
                valuesOffset, valuesEnd, valuesNested, doubleEncoded, textBytes, supplementaryCharacters, abridged);
    }
}
