package fr.esup.podmigrate.sql.dump;

import java.util.List;

/**
 * What a finished dump wrote.
 *
 * @param tables       the dumped tables, in the order written
 * @param bytesWritten bytes of SQL written, header and footer included (before any compression)
 * @param parallelism  the connections the tables were read through: fewer than the options asked when the dump
 *                     was given a single connection, or the user may not take the lock that puts several in one
 *                     snapshot (the RELOAD privilege)
 */
public record DumpResult(List<TableResult> tables, long bytesWritten, int parallelism) {

    public DumpResult {
        tables = List.copyOf(tables);
    }

    public long rowsWritten() {
        long rows = 0;
        for (TableResult table : tables) {
            rows += table.rows();
        }
        return rows;
    }

    /**
     * @param sourceName the table's name in the source database
     * @param outputName the table's name in the output, after renaming
     * @param rows       rows written
     * @param bytes      bytes of SQL written for this table, structure and data
     */
    public record TableResult(String sourceName, String outputName, long rows, long bytes) {
    }
}
