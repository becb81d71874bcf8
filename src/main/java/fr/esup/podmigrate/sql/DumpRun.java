package fr.esup.podmigrate.sql;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/** One dump of one connection's database to one stream: the state {@link DumpWriter} keeps while it writes. */
final class DumpRun {

    /** Rows the driver reads ahead; any positive fetch size makes mariadb-java-client 3.x stream the result. */
    private static final int FETCH_SIZE = 4096;
    private static final int ROWS_BETWEEN_CANCEL_CHECKS = 1024;

    private static final String HEADER = """
            /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
            /*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
            /*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
            /*!40101 SET NAMES utf8mb4 */;
            /*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
            /*!40103 SET TIME_ZONE='+00:00' */;
            /*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
            /*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
            /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
            /*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
            """;
    private static final String FOOTER = """
            /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
            /*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
            /*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
            /*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
            /*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
            /*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
            /*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
            /*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;
            """;
    private static final byte[] STATEMENT_END = ";\n".getBytes(StandardCharsets.US_ASCII);

    private final Connection connection;
    private final DumpOptions options;
    private final OutputStream out;
    private final SqlBytes row = new SqlBytes(64 * 1024);
    private int tablesTotal;
    private int tablesDone;
    private String currentTable;
    private long rowsWritten;
    private long bytesWritten;

    DumpRun(Connection connection, DumpOptions options, OutputStream out) {
        this.connection = connection;
        this.options = options;
        this.out = out;
    }

    DumpResult run() throws SQLException, IOException {
        String database = currentDatabase();
        List<DumpResult.TableResult> results = new ArrayList<>();
        try (DumpSession ignored = DumpSession.start(connection)) {
            List<String> tables = selectTables(database, SourceTable.baseTableNames(connection));
            tablesTotal = tables.size();
            writeHeader(database);
            for (String table : tables) {
                currentTable = table;
                reportProgress();
                results.add(writeTable(SourceTable.read(connection, table)));
                tablesDone++;
            }
            currentTable = null;
            write("\n" + FOOTER + "\n-- Dump completed on " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n");
            reportProgress();
        }
        return new DumpResult(results, bytesWritten);
    }

    private String currentDatabase() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT DATABASE()")) {
            rows.next();
            String database = rows.getString(1);
            if (database == null) {
                throw new IllegalArgumentException("The connection has no current database to dump");
            }
            return database;
        }
    }

    private List<String> selectTables(String database, List<String> baseTables) {
        for (String included : options.includeTables()) {
            if (!baseTables.contains(included)) {
                throw new IllegalArgumentException("Database " + database + " has no base table " + included);
            }
        }
        return baseTables.stream()
                .filter(t -> options.includeTables().isEmpty() || options.includeTables().contains(t))
                .filter(t -> !options.excludeTables().contains(t))
                .toList();
    }

    private void writeHeader(String database) throws SQLException, IOException {
        StringBuilder header = new StringBuilder()
                .append("-- Pod Migrate dump of database ").append(SqlBytes.quoteIdentifier(database))
                .append("\n-- Server version ").append(connection.getMetaData().getDatabaseProductVersion())
                .append("\n\n").append(HEADER);
        if (options.useDatabase() != null) {
            header.append("\nUSE ").append(SqlBytes.quoteIdentifier(options.useDatabase())).append(";\n");
        }
        write(header.toString());
    }

    private DumpResult.TableResult writeTable(SourceTable table) throws SQLException, IOException {
        long bytesBefore = bytesWritten;
        String outputName = SqlBytes.quoteIdentifier(options.outputName(table.name()));
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
        write(sql.toString());

        String insertPrefix = options.insertMode().sqlPrefix + outputName + " (" + table.columnList() + ") VALUES ";
        long rows = writeRows(table, insertPrefix.getBytes(StandardCharsets.UTF_8));
        return new DumpResult.TableResult(table.name(), options.outputName(table.name()), rows,
                bytesWritten - bytesBefore);
    }

    /**
     * Writes the rows as extended INSERTs, each kept under the size cap unless its only row is larger. The
     * result is streamed: only the current row is ever held.
     */
    private long writeRows(SourceTable table, byte[] insertPrefix) throws SQLException, IOException {
        ColumnKind[] kinds = table.columnKinds().toArray(ColumnKind[]::new);
        int cap = options.maxStatementBytes();
        long rows = 0;
        try (Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet result = statement.executeQuery(table.selectAllColumns())) {
                long statementBytes = 0;
                while (result.next()) {
                    encodeRow(result, kinds);
                    // +1 for the comma before the row, +1 for the semicolon after it
                    if (statementBytes > 0 && statementBytes + row.length() + 2 > cap) {
                        endStatement();
                        statementBytes = 0;
                    }
                    if (statementBytes == 0) {
                        write(insertPrefix);
                        statementBytes = insertPrefix.length;
                    } else {
                        out.write(',');
                        bytesWritten++;
                        statementBytes++;
                    }
                    row.writeTo(out);
                    bytesWritten += row.length();
                    statementBytes += row.length();
                    rows++;
                    rowsWritten++;
                    if (rows % ROWS_BETWEEN_CANCEL_CHECKS == 0) {
                        stopIfCancelled();
                    }
                }
                if (statementBytes > 0) {
                    endStatement();
                }
            }
        }
        stopIfCancelled();
        return rows;
    }

    private void encodeRow(ResultSet result, ColumnKind[] kinds) throws SQLException {
        row.clear();
        row.append('(');
        for (int i = 0; i < kinds.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            kinds[i].appendValue(result, i + 1, row);
        }
        row.append(')');
    }

    private void endStatement() throws IOException {
        write(STATEMENT_END);
        reportProgress();
    }

    private void stopIfCancelled() {
        if (options.cancelled().getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("Dump cancelled while writing table " + currentTable);
        }
    }

    private void reportProgress() {
        options.progress().accept(new DumpProgress(tablesDone, tablesTotal, currentTable, rowsWritten, bytesWritten));
    }

    private void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        bytesWritten += bytes.length;
    }
}
