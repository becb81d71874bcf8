package fr.esup.podmigrate.sql;

/**
 * Where a script analysis or an import stands, for a progress bar.
 *
 * @param bytesRead  while {@code checking}: bytes of the file read (compressed ones for a gzip file); while
 *                   importing: bytes of SQL text whose statements are done
 * @param bytesTotal the same unit's total: the file's size while checking, the SQL text's size while importing
 * @param statements statements read while checking; statements done (executed or skipped) while importing
 * @param rows       rows the statements read write while checking; rows written while importing
 * @param checking   whether the script is being read before anything runs (the analysis, an import's pre-scan)
 */
public record ImportProgress(long bytesRead, long bytesTotal, long statements, long rows, boolean checking) {

    /** Progress of an import past its pre-scan. */
    public ImportProgress(long bytesRead, long bytesTotal, long statements, long rows) {
        this(bytesRead, bytesTotal, statements, rows, false);
    }

    /** Between 0 and 1; 0 while the total is unknown. */
    public double fraction() {
        return bytesTotal <= 0 ? 0 : Math.min(1, (double) bytesRead / bytesTotal);
    }
}
