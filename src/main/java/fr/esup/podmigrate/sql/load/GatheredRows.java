package fr.esup.podmigrate.sql.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rows of short INSERTs of one table, one after the other in a script, gathered to go to the server as one LOAD
 * DATA (see {@link LiteralLoad}): mariadb-dump's {@code --skip-extended-insert} writes an INSERT a row, and each INSERT
 * sent alone waits for the server's answer; one LOAD DATA loads thousands of them in one round trip. The statements
 * gathered share the text of that LOAD DATA: the same table, columns, IGNORE and layout.
 *
 * @param <S> what the import keeps of each statement gathered, to account for it
 */
final class GatheredRows<S> {

    /** Bytes of rows gathered for one LOAD DATA, at most: about what mariadb-dump writes in one INSERT. */
    static final int MAX_BYTES = 1 << 20;

    private byte[] rows = new byte[64 << 10];
    private int length;
    private String statement;
    private long rowCount;
    private final List<S> statements = new ArrayList<>();

    /** Whether rows for this LOAD DATA, so many bytes of them, may join those gathered. */
    boolean takes(String loadStatement, int bytes) {
        return statements.isEmpty() || (loadStatement.equals(statement) && length + bytes + 1 <= MAX_BYTES);
    }

    /**
     * Adds a statement's rows, {@code bytes[from, to)} from its first tuple's opening parenthesis to its last one's
     * closing one, each tuple a line of the LOAD DATA.
     */
    void add(String loadStatement, byte[] bytes, int from, int to, long tuples, S accounted) {
        int needed = length + (to - from) + 1;
        if (needed > rows.length) {
            rows = Arrays.copyOf(rows, Math.max(needed, 2 * rows.length));
        }
        System.arraycopy(bytes, from, rows, length, to - from);
        length += to - from;
        rows[length++] = '\n';
        statement = loadStatement;
        rowCount += tuples;
        statements.add(accounted);
    }

    boolean isEmpty() {
        return statements.isEmpty();
    }

    String statement() {
        return statement;
    }

    byte[] rows() {
        return rows;
    }

    int length() {
        return length;
    }

    long rowCount() {
        return rowCount;
    }

    List<S> statements() {
        return statements;
    }

    /** Forgets what was gathered, keeping the buffer for the next rows. */
    void clear() {
        length = 0;
        statement = null;
        rowCount = 0;
        statements.clear();
    }
}
