package fr.esup.podmigrate.job;


import java.util.Map;
import java.util.TreeMap;

/** The names under which jobs record what they produced ({@link Job#results()}), for the steps that read them. */
public final class JobResults {

    /** Backup: the dump file, relative to the workspace. */
    public static final String BACKUP_FILE = "file";
    /** A job that goes table after table (a dump, a verification): the tables it has done, for its progress. */
    public static final String TABLES_DONE = "tables.done";
    /** ... and the tables it has to do. */
    public static final String TABLES_TOTAL = "tables.total";
    /** Import: the podv2.sql imported, relative to the workspace. */
    public static final String IMPORT_SCRIPT = "script";
    /** Import of a script of several databases: the one whose section it imported. */
    public static final String IMPORT_SOURCE_DATABASE = "sourceDatabase";
    /** Import, followed by a v2 table: the row tuples the podv2.sql holds for it. */
    public static final String SCRIPT_ROWS = "script.";
    /** Import, followed by a v3 table: the rows the server inserted. */
    public static final String INSERTED_ROWS = "inserted.";
    /** Import, followed by a v3 table: the rows INSERT IGNORE dropped. */
    public static final String IGNORED_ROWS = "ignored.";
    /** Import, followed by a v2 table: the row tuples skipped (excluded tables). */
    public static final String SKIPPED_ROWS = "skipped.";
    /**
     * Import, followed by a v2 table it left out: the plan's fate and its note, e.g. {@code ephemeral: sessions},
     * {@code excluded: recreated-by-hand}, {@code no-v3-home: dropped 3.8.2}.
     */
    public static final String SKIPPED_WHY = "skipped-why.";
    /** Import, followed by a v3 table: the rows it held before the import, counted by the server (-1: none). */
    public static final String ROWS_BEFORE = "before.";
    /** Import, followed by a v3 table: the rows it must hold by the import's own account (-1: unknown). */
    public static final String ROWS_EXPECTED = "expected.";
    /** Import, followed by a v3 table: the rows it holds after the import, counted by the server (-1: none). */
    public static final String ROWS_AFTER = "after.";
    /** Import, followed by a number: what the server changed or refused in some rows, one issue a result. */
    public static final String ROW_ISSUE = "issue.";

    private JobResults() {
    }

    /** The per-table counts a job recorded under {@code prefix}, by table name. */
    public static Map<String, Long> counts(Job job, String prefix) {
        Map<String, Long> counts = new TreeMap<>();
        job.results().forEach((name, value) -> {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                counts.put(name.substring(prefix.length()), Long.parseLong(value.strip()));
            }
        });
        return counts;
    }
}
