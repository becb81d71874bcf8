package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.script.ScriptAnalysis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an import did. A resumed import counts what the runs before it executed too (statements, rows); what it
 * skipped, read or failed is its own.
 *
 * @param completed          every statement of the script was read and dealt with (under
 *                           {@link ErrorPolicy#CONTINUE}, some may have failed: see {@code errors})
 * @param cancelled          the import stopped because it was cancelled
 * @param tables             per target table (by its target name), in order of appearance
 * @param statements         statements the script holds
 * @param executed           statements the server executed
 * @param skipped            statements not executed, by reason
 * @param errors             statements that failed, in the order they failed (at most {@code maxErrors})
 * @param droppedValues      "scriptTable.column" → values left out by {@link InsertRewrite#dropColumns()} that no
 *                           computed column reads: values the target holds nowhere
 * @param missingTables      tables (target names) whose rows were skipped because the target lacks them
 * @param otherDatabases     per database other than the source one, what its section held, all of it skipped
 * @param notes              skipped statements worth a look: a CREATE TABLE of a table that exists, a structure
 *                           change other than keys while the target's structure is kept (the first
 *                           {@value ScriptAnalysis#MAX_LISTED})
 * @param elapsed            the import's duration, pre-scan included
 * @param bytes              bytes of SQL text dealt with
 */
public record ImportResult(
        boolean completed,
        boolean cancelled,
        Map<String, TableCounts> tables,
        long statements,
        long executed,
        Map<SkipReason, Long> skipped,
        List<ImportError> errors,
        Map<String, Long> droppedValues,
        Set<String> missingTables,
        Map<String, SkippedDatabase> otherDatabases,
        List<Note> notes,
        Duration elapsed,
        long bytes) {

    public ImportResult {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        skipped = Collections.unmodifiableMap(skipped.isEmpty() ? Map.of() : new EnumMap<>(skipped));
        errors = List.copyOf(errors);
        droppedValues = Collections.unmodifiableMap(new LinkedHashMap<>(droppedValues));
        missingTables = Collections.unmodifiableSet(new LinkedHashSet<>(missingTables));
        otherDatabases = Collections.unmodifiableMap(new LinkedHashMap<>(otherDatabases));
        notes = List.copyOf(notes);
    }

    /** Statements skipped for this reason. */
    public long skipped(SkipReason reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    /** Rows written, all tables together. */
    public long insertedRows() {
        return tables.values().stream().mapToLong(TableCounts::insertedRows).sum();
    }

    /**
     * The tables whose count, taken by the server once the import was over, differs from what the import did to
     * them: the numbers above are then not to be believed.
     */
    public List<String> countMismatches() {
        return tables.entrySet().stream().filter(t -> !t.getValue().countMatches()).map(Map.Entry::getKey).toList();
    }

    /**
     * The rows of one target table.
     *
     * @param scriptRows   rows the script's INSERT and REPLACE statements hold for it (tuples; an INSERT ...
     *                     SELECT counts none)
     * @param insertedRows rows written: the server's affected rows of INSERT and INSERT IGNORE (at most their
     *                     tuples: ON DUPLICATE KEY UPDATE counts an updated row twice); for REPLACE, its tuples
     *                     (each ends up in the table, whether it replaced a row or not)
     * @param ignoredRows  tuples of INSERT IGNORE the server did not write (duplicate keys, mostly)
     * @param replacedRows rows REPLACE deleted before writing its own: its affected rows beyond its tuples
     * @param skippedRows  tuples of statements not executed: excluded table, table missing from the target
     * @param statements   statements executed for the table
     * @param warnings     warnings the server gave for them (changed values, refused duplicates...)
     * @param rowsBefore   rows the table held when the import started (its first run, when resumed); -1 when it
     *                     did not exist
     * @param rowsExpected rows it must hold by the import's own account: those before (none if the import emptied
     *                     it) plus those inserted, less those REPLACE deleted; -1 when unknown, or when the import
     *                     executed nothing for the table (its statements all skipped): then it is not counted
     * @param rowsAfter    rows it holds once the import is over, counted by the server; -1 when it does not exist
     *                     or was not counted
     * @param issues       what the server changed in its values or refused of its rows, from its warnings
     */
    public record TableCounts(long scriptRows, long insertedRows, long ignoredRows, long replacedRows,
                              long skippedRows, long statements, long warnings, long rowsBefore, long rowsExpected,
                              long rowsAfter, List<ValueIssue> issues) {

        public TableCounts {
            issues = List.copyOf(issues);
        }

        /** Whether the server's count of the table is what the import's account says. */
        public boolean countMatches() {
            return rowsAfter == rowsExpected;
        }

        public List<ValueIssue> changedValues() {
            return issues.stream().filter(i -> !i.refused()).toList();
        }

        public List<ValueIssue> refusedRows() {
            return issues.stream().filter(ValueIssue::refused).toList();
        }
    }

    /**
     * Rows of a table the server stored otherwise than the script wrote them, or refused, told by its warnings.
     *
     * @param refused true for rows a unique key refused (then {@code name} is the key), false for values the server
     *                changed ({@code name} is the column, empty when its warnings name none)
     * @param rows    the rows concerned
     * @param keys    the primary keys of the first rows concerned, at most {@value ServerWarnings#LISTED_KEYS}
     * @param sample  the first warning's message
     */
    public record ValueIssue(boolean refused, String name, ValueChange change, long rows, List<String> keys,
                             String sample) {

        public ValueIssue {
            keys = List.copyOf(keys);
        }

        ValueIssue plus(ValueIssue more) {
            List<String> all = new ArrayList<>(keys);
            more.keys().stream().filter(k -> !all.contains(k)).limit(Math.max(0, ServerWarnings.LISTED_KEYS - all.size()))
                    .forEach(all::add);
            return new ValueIssue(refused, name, change, rows + more.rows(), all, sample);
        }
    }

    /**
     * The section of a database other than the source one, skipped.
     *
     * @param rows tuples of its INSERT and REPLACE statements
     */
    public record SkippedDatabase(long statements, long rows) {
    }

    /**
     * A statement skipped that the operator may want to see.
     *
     * @param statementHead its first characters, blanks collapsed (at most 120)
     */
    public record Note(long line, String statementHead, SkipReason reason) {
    }
}
