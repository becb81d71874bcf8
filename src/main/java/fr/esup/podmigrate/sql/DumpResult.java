package fr.esup.podmigrate.sql;

import java.util.List;

/**
 * What a finished dump wrote.
 *
 * @param tables       the dumped tables, in the order written
 * @param bytesWritten bytes of SQL written, header and footer included (before any compression)
 */
public record DumpResult(List<TableResult> tables, long bytesWritten) {

    public DumpResult {
        tables = List.copyOf(tables);
    }

    public long rowsWritten() {
        return tables.stream().mapToLong(TableResult::rows).sum();
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
