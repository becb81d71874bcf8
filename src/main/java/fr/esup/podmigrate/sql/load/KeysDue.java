package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.load.ImportPlanner.Plan;
import fr.esup.podmigrate.sql.script.KeysAfterRows;
import fr.esup.podmigrate.sql.script.ScriptAnalyzer.DataRun;
import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.StatementKind;
import fr.esup.podmigrate.sql.script.StatementParts;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Which CREATE TABLEs of a script hold their keys back (see {@link HeldKeys}), and when, in script order, those keys
 * are due: before the table's next statement that brings no rows, before a statement that runs alone (it may read
 * any table), at the script's end.
 */
final class KeysDue {

    /** The script's tables with a long run of rows, by their script names. */
    private final Set<String> runTables = new HashSet<>();
    /** Keys held back and not handed out yet, by target table. */
    private final Map<String, KeysAfterRows> pending = new LinkedHashMap<>();
    /** Tables the script dropped and has not created again since, by target name. */
    private final Set<String> dropped = new HashSet<>();
    private final BiConsumer<String, KeysAfterRows> handOut;

    /** @param handOut takes a table's keys when they are due */
    KeysDue(List<DataRun> runs, BiConsumer<String, KeysAfterRows> handOut) {
        runs.forEach(run -> runTables.add(run.table()));
        this.handOut = handOut;
    }

    /**
     * Follows the script's next statement: hands out the keys due before it, then returns the split of its CREATE
     * TABLE when the keys of that one wait for its rows, else null. A CREATE TABLE done by an earlier, stopped import
     * holds its keys all the same, with or without a long run of rows now: that import may have read the script with
     * runs (a compressed script's decompressed copy) where this one streams it, and have stopped before it added them.
     * Adding them looks for those the table lacks.
     *
     * @param done whether an earlier, stopped import did the statement
     */
    KeysAfterRows next(SqlStatement statement, Plan plan, boolean done) {
        if (!pending.isEmpty()) {
            handOutBefore(plan);
        }
        KeysAfterRows held = held(statement, plan, done);
        if (held != null) {
            pending.put(plan.table(), held);
        }
        if (plan.action() == ImportPlanner.Action.TABLE && plan.table() != null) {
            if (plan.kind() == StatementKind.DROP_TABLE) {
                dropped.add(plan.table());
            } else if (plan.kind() == StatementKind.CREATE_TABLE) {
                dropped.remove(plan.table());
            }
        }
        return held;
    }

    void scriptEnded() {
        for (String table : List.copyOf(pending.keySet())) {
            handOut(table);
        }
    }

    /**
     * One that creates its table before a long run of its rows: right after the script dropped it (as mariadb-dump
     * writes), or with OR REPLACE. A resumed import plans such a statement alike (it skips a CREATE TABLE of a table
     * that exists), so it looks for the keys again; and the statement meets no table of another structure.
     */
    private KeysAfterRows held(SqlStatement statement, Plan plan, boolean done) {
        if (plan.action() != ImportPlanner.Action.TABLE || plan.kind() != StatementKind.CREATE_TABLE
                || plan.truncates() || !(done || runTables.contains(statement.table()))
                || !(dropped.contains(plan.table()) || StatementParts.createTable(plan.text()).orReplace())) {
            return null;
        }
        return KeysAfterRows.of(plan.text());
    }

    private void handOutBefore(Plan plan) {
        switch (plan.action()) {
            case ALONE -> scriptEnded();
            case TABLE -> {
                if (plan.kind() != StatementKind.INSERT && plan.kind() != StatementKind.REPLACE && !disablesKeys(plan)) {
                    handOut(plan.table());
                }
            }
            default -> { }
        }
    }

    /** A dump's {@code ALTER TABLE ... DISABLE KEYS} before a table's rows, which InnoDB ignores. */
    private static boolean disablesKeys(Plan plan) {
        return plan.kind() == StatementKind.ALTER_TABLE && StatementParts.alterTable(plan.text()).onlyKeys()
                && StatementParts.mentions(plan.text(), "DISABLE");
    }

    private void handOut(String table) {
        KeysAfterRows keys = pending.remove(table);
        if (keys != null) {
            handOut.accept(table, keys);
        }
    }
}
