package fr.esup.podmigrate.sql.dump;

/**
 * Where a running dump stands, for a progress bar.
 *
 * @param tablesDone   tables completely written
 * @param tablesTotal  tables the dump writes
 * @param currentTable the source table being written, or {@code null} once all are done
 * @param rowsWritten  rows written so far, all tables together
 * @param bytesWritten bytes of SQL written so far (before any compression)
 */
public record DumpProgress(int tablesDone, int tablesTotal, String currentTable, long rowsWritten, long bytesWritten) {
}
