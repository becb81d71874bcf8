package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.v2.ScriptReading;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * What an import job records: from its start, how it runs (for a resume); once it has run, its counts.
 *
 * @param scriptRows  per v2 table, the row tuples the podv2.sql holds
 * @param skippedRows per v2 table the plan leaves out, the row tuples skipped
 * @param tables      per v3 table, the rows the import wrote there and the server's counts
 * @param issues      what the server changed or refused in rows, table after table
 * @param errors      the first statements that failed
 */
public record Imported(String script, String sourceDatabase, boolean continueOnError, boolean ephemeralIncluded,
                       Map<String, Long> scriptRows, Map<String, Long> skippedRows, Map<String, TableRows> tables,
                       List<RowIssue> issues, List<StatementError> errors) implements ScriptReading {

    /**
     * A v3 table's rows.
     *
     * @param inserted rows the server inserted
     * @param ignored  rows INSERT IGNORE dropped
     * @param before   rows the table held before the import, counted by the server (-1: no table)
     * @param expected rows it must hold by the import's own account (-1: unknown)
     * @param after    rows it holds after the import, counted by the server (-1: no table)
     */
    public record TableRows(long inserted, long ignored, long before, long expected, long after) {
    }

    static Imported starting(String script, String sourceDatabase, boolean continueOnError, boolean ephemeralIncluded) {
        return new Imported(script, sourceDatabase, continueOnError, ephemeralIncluded, Map.of(), Map.of(), Map.of(),
                List.of(), List.of());
    }

    /** The rows the import inserted, per v3 table. */
    public Map<String, Long> inserted() {
        return counts(TableRows::inserted);
    }

    /** The rows INSERT IGNORE dropped, per v3 table. */
    public Map<String, Long> ignored() {
        return counts(TableRows::ignored);
    }

    private Map<String, Long> counts(ToLongFunction<TableRows> count) {
        Map<String, Long> counts = new TreeMap<>();
        tables.forEach((table, rows) -> counts.put(table, count.applyAsLong(rows)));
        return counts;
    }
}
