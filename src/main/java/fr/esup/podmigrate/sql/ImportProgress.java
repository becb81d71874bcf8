package fr.esup.podmigrate.sql;

/**
 * Where a script analysis or an import stands, for a progress bar.
 *
 * @param bytesRead  while decompressing: bytes of the compressed file read; while checking: bytes of the file read
 *                   (compressed ones for a gzip file); while importing: bytes of SQL text whose statements are done
 * @param bytesTotal the same unit's total: the file's size while decompressing and checking, the SQL text's size
 *                   while importing
 * @param statements statements read while checking; statements done (executed or skipped) while importing
 * @param rows       rows the statements read write while checking; rows written while importing
 * @param stage      which pass over the script this is: each goes from 0 to its total
 */
public record ImportProgress(long bytesRead, long bytesTotal, long statements, long rows, Stage stage) {

    /** The passes over a script, in their order: an import makes the first only of a compressed script. */
    public enum Stage {
        /** A compressed script decompressed into a file, which the next passes read. */
        DECOMPRESSING,
        /** The script read through before anything runs (the analysis, an import's pre-scan). */
        CHECKING,
        /** The statements run. */
        IMPORTING
    }

    /** Progress of an import past its pre-scan. */
    public ImportProgress(long bytesRead, long bytesTotal, long statements, long rows) {
        this(bytesRead, bytesTotal, statements, rows, Stage.IMPORTING);
    }

    /** Between 0 and 1; 0 while the total is unknown. */
    public double fraction() {
        return bytesTotal <= 0 ? 0 : Math.min(1, (double) bytesRead / bytesTotal);
    }
}
