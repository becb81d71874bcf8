package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.load.ImportPlanner.Plan;
import fr.esup.podmigrate.sql.script.ScriptAnalysis;
import fr.esup.podmigrate.sql.script.StatementKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The running account of an import, kept by the reading thread and the loading threads together: which statements
 * are done (for the checkpoint), and what happened to each table's rows. All of it changes under one lock, so a
 * checkpoint taken at any moment holds rows and done statements that match.
 */
final class ImportLedger {

    private static final String PRIMARY_KEY = "PRIMARY";

    private final long scriptSize;
    private final String scriptHash;
    private long doneThrough;
    private long doneThroughOffset;
    /** Done ranges above doneThrough: first index → {last index, end offset of the last}. */
    private final TreeMap<Long, long[]> doneAbove = new TreeMap<>();
    private long executed;
    private final Map<String, Totals> tables = new LinkedHashMap<>();
    /** The rows each table held when the import first started, counted by the server. */
    private final Map<String, Long> rowsBefore = new LinkedHashMap<>();
    private final Map<SkipReason, Long> skipped = new EnumMap<>(SkipReason.class);
    private final List<ImportError> errors = new ArrayList<>();
    private final Map<String, Long> droppedValues = new LinkedHashMap<>();
    private final Map<String, ImportResult.SkippedDatabase> otherDatabases = new LinkedHashMap<>();
    private final List<ImportResult.Note> notes = new ArrayList<>();
    private long statementsDone;
    private long rowsWritten;
    private long bytesDone;
    private long changes;

    /** What happened to one table's rows. */
    private static final class Totals {
        long scriptRows;
        long inserted;
        long ignored;
        long replaced;
        long skippedRows;
        long statements;
        long warnings;
        /**
         * Rows a resumed import found written by the run it resumes after that run's last checkpoint: they are
         * offered again, and the key that refuses them this time is no duplicate of the script's.
         */
        long unrecorded;
        /** The import emptied the table (TRUNCATE, DROP or CREATE TABLE): it counts from 0 since. */
        boolean emptied;
        /** Rows added since the start or since the table was last emptied: inserted, less those REPLACE deleted. */
        long added;
        final Map<String, ImportResult.ValueIssue> issues = new LinkedHashMap<>();

        /** The rows the table must hold by the import's account; -1 when unknown. */
        long expected(long before, long after) {
            return emptied ? (after < 0 && added == 0 ? -1 : added) : before < 0 ? -1 : before + added;
        }

        ImportResult.TableCounts counts(long before, long after) {
            // a table the import executed nothing for is not counted: no number of the import's to check there
            long expected = statements == 0 ? -1 : expected(before, after);
            return new ImportResult.TableCounts(scriptRows, inserted, ignored, replaced, skippedRows, statements,
                    warnings, before, expected, after, List.copyOf(issues.values()));
        }

        void merge(ImportResult.ValueIssue issue) {
            issues.merge(issue.refused() + " " + issue.name() + " " + issue.change(), issue, ImportResult.ValueIssue::plus);
        }
    }

    ImportLedger(long scriptSize, String scriptHash, Checkpoint previous) {
        this.scriptSize = scriptSize;
        this.scriptHash = scriptHash;
        this.doneThrough = -1;
        if (previous != null) {
            doneThrough = previous.doneThrough();
            doneThroughOffset = previous.doneThroughOffset();
            for (long[] range : previous.doneAbove()) {
                doneAbove.put(range[0], new long[] {range[1], range[2]});
            }
            executed = previous.executedStatements();
            previous.tables().forEach((table, done) -> {
                Totals totals = totals(table);
                totals.statements = done.statements();
                totals.inserted = done.insertedRows();
                totals.ignored = done.ignoredRows();
                totals.replaced = done.replacedRows();
                totals.warnings = done.warnings();
                totals.emptied = done.emptied();
                totals.added = done.addedRows();
                done.issues().forEach(totals::merge);
                rowsWritten += done.insertedRows();
            });
            rowsBefore.putAll(previous.rowsBefore());
        }
    }

    synchronized boolean isDone(long index) {
        if (index <= doneThrough) {
            return true;
        }
        Map.Entry<Long, long[]> range = doneAbove.floorEntry(index);
        return range != null && index <= range.getValue()[0];
    }

    /** A statement done by an earlier run of the import: one it skipped counts as skipped again. */
    synchronized void alreadyDone(Plan plan, long bytes) {
        count(SkipReason.ALREADY_DONE);
        if (plan.table() != null) {
            Totals totals = totals(plan.table());
            totals.scriptRows += plan.rows();
            if (plan.action() == ImportPlanner.Action.SKIP) {
                totals.skippedRows += plan.rows();
            }
        }
        progressed(bytes, 0);
    }

    synchronized void skipped(long index, long endOffset, long bytes, Plan plan) {
        count(plan.skip());
        if (plan.table() != null) {
            Totals totals = totals(plan.table());
            totals.scriptRows += plan.rows();
            totals.skippedRows += plan.rows();
        }
        if (plan.otherDatabase() != null) {
            otherDatabases.merge(plan.otherDatabase(), new ImportResult.SkippedDatabase(1, plan.rows()),
                    (a, b) -> new ImportResult.SkippedDatabase(a.statements() + 1, a.rows() + b.rows()));
        }
        if (plan.note() && notes.size() < ScriptAnalysis.MAX_LISTED) {
            notes.add(new ImportResult.Note(plan.line(), plan.statementHead(), plan.skip()));
        }
        markDone(index, endOffset);
        progressed(bytes, 0);
    }

    /** A session statement handed to every connection: it counts as done, as a resumed run replays them all. */
    synchronized void sessionDispatched(long index, long endOffset, long bytes) {
        executed++;
        markDone(index, endOffset);
        progressed(bytes, 0);
    }

    /**
     * The rows each table holds as the import starts. A first run takes them as its baseline. A resumed run keeps its
     * first run's, and reconciles with them what it finds: rows beyond the account of the checkpoint were committed by
     * the interrupted run after its last checkpoint (they count as inserted, and are not duplicates when offered
     * again); rows short of it are not reconciled, and the import's final count will say so.
     */
    synchronized void rowsAtStart(Map<String, Long> counted) {
        boolean resumed = !rowsBefore.isEmpty();
        counted.forEach(rowsBefore::putIfAbsent);
        if (!resumed) {
            return;
        }
        counted.forEach((table, rows) -> {
            Totals known = tables.get(table);
            long expected = known == null ? rowsBefore.get(table) : known.expected(rowsBefore.get(table), rows);
            if (expected >= 0 && rows > expected) {
                Totals totals = totals(table);
                long unrecorded = rows - expected;
                totals.unrecorded += unrecorded;
                totals.added += unrecorded;
                totals.inserted += unrecorded;
                rowsWritten += unrecorded;
            }
        });
    }

    /** The import emptied the table as it started (see {@link ImportOptions#emptiedFirst}). */
    synchronized void emptiedFirst(String table) {
        Totals totals = totals(table);
        totals.emptied = true;
        totals.added = 0;
        changes++;
    }

    synchronized void executed(long index, long endOffset, long bytes, Plan plan, long affected,
                               long warnings, List<ServerWarnings.Issue> issues) {
        executed++;
        long written = 0;
        if (plan.table() != null) {
            Totals totals = totals(plan.table());
            totals.statements++;
            totals.scriptRows += plan.rows();
            totals.warnings += warnings;
            long refused = plan.kind() == StatementKind.INSERT && plan.ignore()
                    ? Math.max(0, plan.rows() - affected) : 0;
            long offeredAgain = Math.min(refused, totals.unrecorded);
            long[] rows = lessOfferedAgain(issues, offeredAgain);
            for (int i = 0; i < rows.length; i++) {
                ServerWarnings.Issue issue = issues.get(i);
                if (rows[i] > 0) {
                    totals.merge(new ImportResult.ValueIssue(issue.refused(), issue.name(), issue.change(), rows[i],
                            issue.keys(), issue.sample()));
                }
            }
            if (plan.kind() == StatementKind.REPLACE) {
                written = plan.rows() > 0 ? plan.rows() : affected;
                long deleted = Math.max(0, affected - written);
                totals.replaced += deleted;
                totals.added += written - deleted;
            } else if (plan.kind() == StatementKind.INSERT) {
                written = plan.rows() > 0 ? Math.min(affected, plan.rows()) : affected;
                totals.unrecorded -= offeredAgain;
                totals.ignored += refused - offeredAgain;
                totals.added += written;
            } else if (plan.empties()) {
                totals.emptied = true;
                totals.added = 0;
                // the rows a resumed import found unrecorded are gone with the others, and will be offered again
                totals.inserted -= totals.unrecorded;
                rowsWritten -= totals.unrecorded;
                totals.unrecorded = 0;
            }
            totals.inserted += written;
        }
        plan.droppedValues().forEach((column, values) -> droppedValues.merge(column, values, Long::sum));
        markDone(index, endOffset);
        progressed(bytes, written);
    }

    /**
     * The rows of each issue, less those a key refused because the interrupted run this one resumes wrote them after
     * its last checkpoint: offered again, they are no duplicates of the script's. The primary key refuses them first.
     */
    private static long[] lessOfferedAgain(List<ServerWarnings.Issue> issues, long offeredAgain) {
        long[] rows = issues.stream().mapToLong(ServerWarnings.Issue::rows).toArray();
        for (boolean primary : new boolean[] {true, false}) {
            for (int i = 0; i < rows.length && offeredAgain > 0; i++) {
                ServerWarnings.Issue issue = issues.get(i);
                if (issue.refused() && PRIMARY_KEY.equals(issue.name()) == primary) {
                    long again = Math.min(rows[i], offeredAgain);
                    rows[i] -= again;
                    offeredAgain -= again;
                }
            }
        }
        return rows;
    }

    /**
     * A statement that failed: not done, so a resumed run tries it again. A session statement failing on a
     * connection was already counted when it was handed out. Returns the errors so far.
     */
    synchronized int failed(Plan plan, ImportError error, long bytes) {
        errors.add(error);
        if (plan.action() != ImportPlanner.Action.SESSION) {
            if (plan.table() != null) {
                totals(plan.table()).scriptRows += plan.rows();
            }
            progressed(bytes, 0);
        }
        return errors.size();
    }

    /** Script bytes after the last statement: comments, blanks. */
    synchronized void readPast(long bytes) {
        bytesDone += bytes;
    }

    synchronized long statementsDone() {
        return statementsDone;
    }

    synchronized long rowsWritten() {
        return rowsWritten;
    }

    synchronized long bytesDone() {
        return bytesDone;
    }

    /** A number that changes whenever the ledger does: a checkpoint is written only when it moved. */
    synchronized long changes() {
        return changes;
    }

    synchronized Checkpoint checkpoint() {
        List<long[]> above = new ArrayList<>();
        doneAbove.forEach((first, range) -> above.add(new long[] {first, range[0], range[1]}));
        Map<String, Checkpoint.TableDone> done = new LinkedHashMap<>();
        tables.forEach((table, totals) -> done.put(table, new Checkpoint.TableDone(totals.statements, totals.inserted,
                totals.ignored, totals.replaced, totals.warnings, totals.emptied, totals.added,
                List.copyOf(totals.issues.values()))));
        return new Checkpoint(scriptSize, scriptHash, doneThrough, doneThroughOffset, above, executed, done, rowsBefore);
    }

    /** The tables the import executed statements for: those to count once it is over. */
    synchronized Set<String> tables() {
        Set<String> written = new LinkedHashSet<>();
        tables.forEach((table, totals) -> {
            if (totals.statements > 0) {
                written.add(table);
            }
        });
        return written;
    }

    /**
     * @param rowsAfter the rows each table holds now, counted by the server; a table missing from it no longer
     *                  exists (or could not be counted)
     */
    synchronized ImportResult result(boolean completed, boolean cancelled, long statements, Set<String> missingTables,
                                     Duration elapsed, Map<String, Long> rowsAfter) {
        Map<String, ImportResult.TableCounts> counts = new LinkedHashMap<>();
        tables.forEach((table, totals) -> counts.put(table,
                totals.counts(rowsBefore.getOrDefault(table, -1L), rowsAfter.getOrDefault(table, -1L))));
        return new ImportResult(completed, cancelled, counts, statements, executed, skipped, errors, droppedValues,
                missingTables, otherDatabases, notes, elapsed, bytesDone);
    }

    private Totals totals(String table) {
        return tables.computeIfAbsent(table, t -> new Totals());
    }

    private void count(SkipReason reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    private void progressed(long bytes, long rows) {
        statementsDone++;
        bytesDone += bytes;
        rowsWritten += rows;
        changes++;
    }

    private void markDone(long index, long endOffset) {
        if (index == doneThrough + 1) {
            doneThrough = index;
            doneThroughOffset = endOffset;
            Map.Entry<Long, long[]> next = doneAbove.firstEntry();
            if (next != null && next.getKey() == doneThrough + 1) {
                doneAbove.pollFirstEntry();
                doneThrough = next.getValue()[0];
                doneThroughOffset = next.getValue()[1];
            }
            return;
        }
        if (isDone(index)) {
            return;
        }
        Map.Entry<Long, long[]> before = doneAbove.floorEntry(index);
        long[] after = doneAbove.get(index + 1);
        if (before != null && before.getValue()[0] == index - 1) {
            before.getValue()[0] = after != null ? after[0] : index;
            before.getValue()[1] = after != null ? after[1] : endOffset;
            if (after != null) {
                doneAbove.remove(index + 1);
            }
        } else if (after != null) {
            doneAbove.remove(index + 1);
            doneAbove.put(index, after);
        } else {
            doneAbove.put(index, new long[] {index, endOffset});
        }
    }
}
