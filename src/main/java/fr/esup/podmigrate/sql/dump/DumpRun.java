package fr.esup.podmigrate.sql.dump;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.SqlBytes;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * One dump of one snapshot's database to one stream: the header, each table, the footer, and the progress. The
 * tables are rendered on the snapshot's connection, or, when it has several, on all of them at once, a large table
 * in parts.
 */
final class DumpRun implements TableRenderer.Output, ParallelTables.Destination {

    /**
     * mariadb-dump's header, less its UNIQUE_CHECKS=0: with foreign key checks off too, the client would load each
     * empty table through InnoDB's bulk-insert path, where an INSERT IGNORE meeting a duplicate key loses every row
     * of its statement.
     */
    private static final String HEADER = """
            /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
            /*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
            /*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
            /*!40101 SET NAMES utf8mb4 */;
            /*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
            /*!40103 SET TIME_ZONE='+00:00' */;
            /*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
            /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
            /*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
            """;
    private static final String FOOTER = """
            /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
            /*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
            /*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
            /*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
            /*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
            /*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
            /*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;
            """;
    private final DumpOptions options;
    private final OutputStream out;
    private final Path spillDirectory;
    private final int tableMemoryBytes;
    private final long minSplitBytes;
    private int tablesTotal;
    private int tablesDone;
    private String currentTable;
    private long rowsWritten;
    private long bytesWritten;
    private long tableStartBytes;
    /** Where the part being written starts in its table. */
    private long partStartBytes;
    private long partStartRows;

    /**
     * @param spillDirectory   where tables rendered ahead of their turn go beyond their memory; null for the system's
     *                         temporary directory
     * @param tableMemoryBytes the memory a table rendered ahead of its turn may hold
     * @param minSplitBytes    the smallest table read in parts on several connections
     */
    DumpRun(DumpOptions options, OutputStream out, Path spillDirectory, int tableMemoryBytes, long minSplitBytes) {
        this.options = options;
        this.out = out;
        this.spillDirectory = spillDirectory;
        this.tableMemoryBytes = tableMemoryBytes;
        this.minSplitBytes = minSplitBytes;
    }

    /** Dumps the database of {@code connections}, all in one snapshot. */
    DumpResult run(List<Connection> connections) throws SQLException, IOException {
        Connection first = connections.get(0);
        String database = currentDatabase(first);
        List<SourceTable> tables = SourceTable.read(first, selectTables(database, SourceTable.baseTableNames(first)));
        tablesTotal = tables.size();
        writeHeader(database, first);
        List<DumpResult.TableResult> results = new ArrayList<>(tables.size());
        if (connections.size() == 1) {
            TableRenderer renderer = new TableRenderer(first, options, () -> false);
            for (SourceTable table : tables) {
                tableStarted(table.name());
                results.add(tableDone(renderer.render(TablePart.whole(table), this)));
            }
        } else {
            List<TablePart> parts = TablePart.plan(first, tables, connections.size(), minSplitBytes);
            try (ParallelTables parallel = new ParallelTables(connections, parts, options, spillDirectory,
                    tableMemoryBytes)) {
                int part = 0;
                for (SourceTable table : tables) {
                    tableStarted(table.name());
                    DumpResult.TableResult written = parallel.writePart(part++, this);
                    while (part < parts.size() && !parts.get(part).first()) {
                        partStartBytes = written.bytes();
                        partStartRows = written.rows();
                        DumpResult.TableResult next = parallel.writePart(part++, this);
                        written = new DumpResult.TableResult(written.sourceName(), written.outputName(),
                                written.rows() + next.rows(), written.bytes() + next.bytes());
                    }
                    results.add(tableDone(written));
                }
            }
        }
        currentTable = null;
        write("\n" + FOOTER + "\n-- Dump completed on " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n");
        reportProgress();
        return new DumpResult(results, bytesWritten, connections.size());
    }

    private static String currentDatabase(Connection connection) throws SQLException {
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
        List<String> selected = new ArrayList<>(baseTables.size());
        for (String table : baseTables) {
            if ((options.includeTables().isEmpty() || options.includeTables().contains(table))
                    && !options.excludeTables().contains(table)) {
                selected.add(table);
            }
        }
        return selected;
    }

    private void writeHeader(String database, Connection connection) throws SQLException, IOException {
        StringBuilder header = new StringBuilder()
                .append("-- Pod Migrate dump of database ").append(Identifiers.quote(database))
                .append("\n-- Server version ").append(connection.getMetaData().getDatabaseProductVersion())
                .append("\n\n").append(HEADER);
        if (options.useDatabase() != null) {
            header.append("\nUSE ").append(Identifiers.quote(options.useDatabase())).append(";\n");
        }
        write(header.toString());
    }

    private void tableStarted(String table) {
        currentTable = table;
        tableStartBytes = bytesWritten;
        partStartBytes = 0;
        partStartRows = 0;
        reportProgress();
    }

    private DumpResult.TableResult tableDone(DumpResult.TableResult result) {
        tablesDone++;
        rowsWritten += result.rows();
        return result;
    }

    /** Single connection: the renderer's buffer goes straight to the output. */
    @Override
    public void take(SqlBytes bytes, long[] statementEnds, int values) throws IOException {
        int length = bytes.length();
        bytes.writeTo(out);
        bytes.clear();
        bytesWritten += length;
        for (int i = 0; i < values; i += 2) {
            statementEnded(statementEnds[i], statementEnds[i + 1]);
        }
    }

    @Override
    public void write(byte[] bytes, int length) throws IOException {
        out.write(bytes, 0, length);
        bytesWritten += length;
    }

    @Override
    public void statementEnded(long partOffset, long partRows) {
        options.progress().accept(new DumpProgress(tablesDone, tablesTotal, currentTable,
                rowsWritten + partStartRows + partRows, tableStartBytes + partStartBytes + partOffset));
        stopIfCancelled();
    }

    private void reportProgress() {
        options.progress().accept(new DumpProgress(tablesDone, tablesTotal, currentTable, rowsWritten, bytesWritten));
        stopIfCancelled();
    }

    /** The renderers check between rows; this catches a cancel the progress itself asked for. */
    private void stopIfCancelled() {
        if (currentTable != null && (options.cancelled().getAsBoolean() || Thread.currentThread().isInterrupted())) {
            throw new CancellationException("Dump cancelled while writing table " + currentTable);
        }
    }

    private void write(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(bytes, bytes.length);
    }
}
