package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.SqlBytes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Renders tables as SQL through one connection of a dump's snapshot: the structure the options ask for, then the
 * rows as complete, extended INSERTs, each kept under the size cap unless its only row is larger. Rows stream
 * from the server and are encoded straight into the output buffer, which the output takes as it fills.
 */
final class TableRenderer {

    static final int BUFFER_BYTES = 256 * 1024;
    /**
     * Taking the buffer before it is full leaves room for the values of most rows at their escaped worst: a buffer
     * that grows costs a copy, and the first growth also a recompilation of the encoding, which expects none.
     */
    private static final int TAKE_AT_BYTES = BUFFER_BYTES - 64 * 1024;
    /**
     * Rows the driver reads ahead; any positive fetch size makes mariadb-java-client 3.x stream the result. Enough to
     * keep the socket busy, few enough that a table of multi-kilobyte rows (encoding logs) holds a megabyte or two,
     * not tens; on the benchmark, 256 also dumped faster than 4096.
     */
    private static final int FETCH_SIZE = 256;
    private static final int ROWS_BETWEEN_CANCEL_CHECKS = 1024;
    private static final byte[] STATEMENT_END = ";\n".getBytes(StandardCharsets.US_ASCII);

    /** Where a table's SQL goes, a buffer at a time. */
    interface Output {
        /**
         * Takes the table's bytes rendered since the last call, leaving {@code bytes} empty, with the INSERT
         * statements that end in them: {@code values} longs in {@code statementEnds}, two for each statement, the
         * offset of its end from the table's first byte and the table's rows written by then.
         */
        void take(SqlBytes bytes, long[] statementEnds, int values) throws IOException;
    }

    private final Connection connection;
    private final DumpOptions options;
    private final BooleanSupplier stopped;
    private final SqlBytes bytes = new SqlBytes(BUFFER_BYTES);
    private long[] statementEnds = new long[16];
    private int statementEndValues;
    /** Bytes of the current table already taken by the output. */
    private long taken;
    private String currentTable;

    /** @param stopped asked between rows, with the options' cancel and the thread's interrupt, whether to stop */
    TableRenderer(Connection connection, DumpOptions options, BooleanSupplier stopped) {
        this.connection = connection;
        this.options = options;
        this.stopped = stopped;
    }

    /** Renders the part: its table's structure and data headings when it is the table's first, then its rows. */
    DumpResult.TableResult render(TablePart part, Output output) throws SQLException, IOException {
        SourceTable table = part.table();
        currentTable = table.name();
        taken = 0;
        String outputName = Identifiers.quote(options.outputName(table.name()));
        if (part.first()) {
            bytes.appendBytes(headings(table, outputName).getBytes(StandardCharsets.UTF_8));
        }
        String insertPrefix = options.insertMode().sqlPrefix + outputName + " (" + table.columnList() + ") VALUES ";
        long rows = writeRows(part, insertPrefix.getBytes(StandardCharsets.UTF_8), output);
        giveTo(output);
        stopIfCancelled();
        return new DumpResult.TableResult(table.name(), options.outputName(table.name()), rows, taken);
    }

    private String headings(SourceTable table, String outputName) throws SQLException {
        StringBuilder sql = new StringBuilder();
        DumpOptions.Structure structure = options.structure();
        if (structure != DumpOptions.Structure.NONE) {
            sql.append("\n--\n-- Table structure for table ").append(outputName).append("\n--\n\n");
            if (structure == DumpOptions.Structure.DROP_AND_CREATE_TABLE) {
                sql.append("DROP TABLE IF EXISTS ").append(outputName).append(";\n");
            }
            sql.append(CreateTableStatement.rewrite(table.showCreateTable(connection), table.name(),
                    structure == DumpOptions.Structure.CREATE_TABLE_IF_NOT_EXISTS, options.keepAutoIncrement(),
                    options.tableRenames())).append(";\n");
        }
        sql.append("\n--\n-- Dumping data for table ").append(outputName).append("\n--\n\n");
        if (options.truncateBeforeInsert()) {
            sql.append("TRUNCATE TABLE ").append(outputName).append(";\n");
        }
        return sql.toString();
    }

    /**
     * Each row is encoded after a placeholder comma, which becomes the INSERT prefix when the row starts a
     * statement: whether it does depends on the row's length, known only once it is encoded.
     */
    private long writeRows(TablePart part, byte[] insertPrefix, Output output) throws SQLException, IOException {
        ColumnKind[] kinds = part.table().columnKinds().toArray(new ColumnKind[0]);
        byte[] nextStatement = Arrays.copyOf(STATEMENT_END, STATEMENT_END.length + insertPrefix.length);
        System.arraycopy(insertPrefix, 0, nextStatement, STATEMENT_END.length, insertPrefix.length);
        int cap = options.maxStatementBytes();
        long rows = 0;
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet result = statement.executeQuery(part.table().selectAllColumns(part.keyRange()))) {
                long statementBytes = 0;
                while (result.next()) {
                    int rowStart = bytes.length();
                    encodeRow(result, kinds);
                    int rowBytes = bytes.length() - rowStart - 1;
                    if (statementBytes == 0) {
                        bytes.replace(rowStart, 1, insertPrefix);
                        statementBytes = insertPrefix.length + rowBytes;
                    } else if (statementBytes + rowBytes + 2 > cap) { // +1 for the comma, +1 for the semicolon
                        bytes.replace(rowStart, 1, nextStatement);
                        statementEnded(rowStart + STATEMENT_END.length, rows);
                        statementBytes = insertPrefix.length + rowBytes;
                    } else {
                        statementBytes += 1 + rowBytes;
                    }
                    rows++;
                    if (rows % ROWS_BETWEEN_CANCEL_CHECKS == 0) {
                        stopIfCancelled();
                    }
                    if (bytes.length() >= TAKE_AT_BYTES) {
                        giveTo(output);
                    }
                }
                if (statementBytes > 0) {
                    bytes.appendBytes(STATEMENT_END);
                    statementEnded(bytes.length(), rows);
                }
            }
        }
        return rows;
    }

    /** Appends the placeholder comma, then the row between parentheses. */
    private void encodeRow(ResultSet result, ColumnKind[] kinds) throws SQLException, IOException {
        bytes.append(',').append('(');
        for (int i = 0; i < kinds.length; i++) {
            if (i > 0) {
                bytes.append(',');
            }
            kinds[i].appendValue(result, i + 1, bytes);
        }
        bytes.append(')');
    }

    private void statementEnded(int bufferPosition, long rows) {
        if (statementEndValues == statementEnds.length) {
            statementEnds = Arrays.copyOf(statementEnds, 2 * statementEnds.length);
        }
        statementEnds[statementEndValues++] = taken + bufferPosition;
        statementEnds[statementEndValues++] = rows;
    }

    private void giveTo(Output output) throws IOException {
        int length = bytes.length();
        output.take(bytes, statementEnds, statementEndValues);
        taken += length;
        statementEndValues = 0;
    }

    private void stopIfCancelled() {
        if (stopped.getAsBoolean() || options.cancelled().getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Dump cancelled while writing table " + currentTable);
        }
    }
}
