package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.Identifiers;
import fr.esup.podmigrate.sql.script.DatabaseSections;
import fr.esup.podmigrate.sql.script.LiteralInserts.LiteralInsert;
import fr.esup.podmigrate.sql.script.ReplicationStatements;
import fr.esup.podmigrate.sql.script.SessionGuards;
import fr.esup.podmigrate.sql.script.SqlSnippet;
import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.SqlTokens;
import fr.esup.podmigrate.sql.script.StatementKind;
import fr.esup.podmigrate.sql.script.StatementParts;
import fr.esup.podmigrate.sql.script.UnknownCollations;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides, statement by statement in script order, what an import does with each: skip it, send it to every
 * connection (a session statement), to the connection that loads its table, or alone once all connections are idle;
 * and rewrites it for the target. It follows the script's CREATE and DROP TABLEs to know which tables exist and
 * which columns a positional INSERT has.
 */
final class ImportPlanner {

    enum Action {
        /** Not executed: see {@link Plan#skip()}. */
        SKIP,
        /** Cannot be made: see {@link Plan#error()}. */
        FAIL,
        /** A session statement: every connection executes it, in script order. */
        SESSION,
        /** Executed by the connection that loads {@link Plan#table()}, after that table's earlier statements. */
        TABLE,
        /** Executed alone, once everything before it is done. */
        ALONE
    }

    /**
     * @param text               the SQL to execute (rewritten); for a skipped or failed statement, its script text
     * @param table              the target table the statement writes or changes, or null
     * @param rows               tuples of an INSERT or REPLACE
     * @param note               whether a skipped statement is listed in the result's notes
     * @param droppedValues      values the rewrite left out and no computed column reads, by "scriptTable.column"
     * @param afterIdle          a session statement that reads tables: every connection must be idle first
     * @param scriptHead         the head of the script's statement when {@code text} is a rewrite of it, else null
     * @param otherDatabase      the database whose section a statement skipped as {@link SkipReason#OTHER_DATABASE}
     *                           belongs to, else null
     * @param empties            the statement empties its table (TRUNCATE, DROP TABLE, CREATE TABLE without IF NOT
     *                           EXISTS): the table's rows count from none after it
     */
    record Plan(Action action, String text, String table, StatementKind kind, boolean ignore, long rows, long line,
                SkipReason skip, boolean note, String error, Map<String, Long> droppedValues, boolean afterIdle,
                String scriptHead, String otherDatabase, boolean empties) {

        /** The statement as the script says it, for messages. */
        String statementHead() {
            return scriptHead != null ? scriptHead : SqlSnippet.head(text);
        }

        /**
         * Whether the statement only empties its table and leaves its structure: a TRUNCATE, as the script writes it
         * or as the import makes of a DROP or CREATE TABLE of a table whose structure it keeps.
         */
        boolean truncates() {
            return empties && text.regionMatches(true, 0, "TRUNCATE", 0, 8);
        }
    }

    private static final Set<StatementKind> TABLE_KINDS = EnumSet.of(StatementKind.CREATE_TABLE,
            StatementKind.ALTER_TABLE, StatementKind.DROP_TABLE, StatementKind.TRUNCATE, StatementKind.INSERT,
            StatementKind.REPLACE, StatementKind.UPDATE, StatementKind.DELETE, StatementKind.CREATE_TRIGGER);
    private static final Set<StatementKind> STRUCTURE_KINDS = EnumSet.of(StatementKind.RENAME_TABLE,
            StatementKind.CREATE_VIEW, StatementKind.DROP_VIEW, StatementKind.CREATE_TRIGGER,
            StatementKind.DROP_TRIGGER, StatementKind.CREATE_ROUTINE, StatementKind.DROP_ROUTINE);
    private static final Set<String> STRUCTURE_VERBS = Set.of("CREATE", "DROP", "ALTER", "RENAME");

    private final ImportOptions options;
    private final DatabaseSections sections;
    /** The columns of a positional INSERT: the script's last CREATE TABLE of its table, or the options' until one. */
    private final Map<String, List<String>> createColumns;
    private final Set<String> existingTables;
    private final Set<String> missingTables = new LinkedHashSet<>();
    private final Map<String, InsertRewriter> rewriters = new HashMap<>();

    ImportPlanner(ImportOptions options) {
        this.options = options;
        this.sections = new DatabaseSections(options.sourceDatabase());
        this.existingTables = new HashSet<>(options.targetTables());
        this.createColumns = new HashMap<>(options.positionalColumns());
    }

    Set<String> missingTables() {
        return missingTables;
    }

    /**
     * The rewriter for a run of INSERT ... VALUES statements of this script table, or null when they are not to be
     * executed (excluded table, table missing from a kept structure).
     */
    InsertRewriter rewriterForRows(String scriptTable) {
        if (options.excludedTables().contains(scriptTable) || isMissing(options.targetName(scriptTable))) {
            return null;
        }
        return rewriter(scriptTable);
    }

    Plan plan(SqlStatement statement) {
        String section = sections.sectionOf(statement);
        if (sections.skips(section)) {
            return otherDatabase(statement, section);
        }
        if (ReplicationStatements.skipped(statement)) {
            return skip(statement, SkipReason.REPLICATION, null, false);
        }
        StatementKind kind = statement.kind();
        switch (kind) {
            case USE, CREATE_DATABASE -> {
                return skip(statement, SkipReason.USE_NEUTRALISED, null, false);
            }
            case LOCK_TABLES, UNLOCK_TABLES -> {
                return skip(statement, SkipReason.LOCK_TABLES, null, false);
            }
            case TRANSACTION -> {
                return skip(statement, SkipReason.TRANSACTION_CONTROL, null, false);
            }
            case SET -> {
                if (SessionGuards.of(statement) == SessionGuards.Verdict.KEPT) {
                    return skip(statement, SkipReason.SESSION_KEPT, null, false);
                }
                String text = collationsKnown(statement.text());
                return new Plan(Action.SESSION, text, null, kind, false, 0, statement.line(), null, false, null,
                        Map.of(), StatementParts.mentions(text, "SELECT"), null, null, false);
            }
            default -> { }
        }
        String scriptTable = statement.table();
        if (scriptTable != null && TABLE_KINDS.contains(kind) && options.excludedTables().contains(scriptTable)) {
            return skip(statement, SkipReason.EXCLUDED_TABLE, options.targetName(scriptTable), false);
        }
        String table = scriptTable == null ? null : options.targetName(scriptTable);
        return switch (kind) {
            case CREATE_TABLE -> createTable(statement, table);
            case DROP_TABLE -> dropTable(statement, table);
            case ALTER_TABLE -> alterTable(statement, table);
            case INSERT, REPLACE -> insert(statement, table);
            case TRUNCATE -> isMissing(table) ? missing(statement, table)
                    : run(Action.TABLE, statement, renamed(statement.text(), false), table, true);
            case UPDATE, DELETE -> isMissing(table) ? missing(statement, table)
                    : run(Action.ALONE, statement, statement.text(), table);
            default -> options.keepTargetStructure() && changesStructure(statement)
                    ? skip(statement, SkipReason.STRUCTURE_KEPT, table, true)
                    : run(Action.ALONE, statement, statement.text(), table);
        };
    }

    private Plan createTable(SqlStatement statement, String table) {
        StatementParts.CreateTable create = StatementParts.createTable(statement.text());
        if (options.columnListsFromCreateTable()) {
            if (create.columns() == null) {
                createColumns.remove(statement.table());
            } else {
                createColumns.put(statement.table(), create.columns());
            }
            rewriters.remove(statement.table());
        }
        if (options.keepTargetStructure()) {
            if (!existingTables.contains(table)) {
                missingTables.add(table);
                return skip(statement, SkipReason.STRUCTURE_KEPT, table, false);
            }
            return create.ifNotExists() ? skip(statement, SkipReason.STRUCTURE_KEPT, table, false) : emptied(statement, table);
        }
        if (!create.ifNotExists() && !create.orReplace() && existingTables.contains(table)) {
            return skip(statement, SkipReason.TABLE_EXISTS, table, true);
        }
        existingTables.add(table);
        String text = collationsKnown(renamed(statement.text(), false));
        return run(create.columns() == null ? Action.ALONE : Action.TABLE, statement, text, table, !create.ifNotExists());
    }

    private Plan dropTable(SqlStatement statement, String table) {
        List<StatementParts.Name> names = StatementParts.headTables(statement.text(), true);
        if (options.keepTargetStructure()) {
            return names.size() <= 1 && existingTables.contains(table) ? emptied(statement, table)
                    : skip(statement, SkipReason.STRUCTURE_KEPT, table, false);
        }
        if (names.size() <= 1) {
            existingTables.remove(table);
            return run(Action.TABLE, statement, renamed(statement.text(), true), table, true);
        }
        String text = statement.text();
        StringBuilder sql = new StringBuilder(text.length()).append(text, 0, names.get(0).start());
        List<String> kept = new ArrayList<>();
        for (StatementParts.Name name : names) {
            if (!options.excludedTables().contains(name.table())) {
                kept.add(options.targetName(name.table()));
            }
        }
        for (int i = 0; i < kept.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Identifiers.quote(kept.get(i)));
            existingTables.remove(kept.get(i));
        }
        sql.append(text, names.get(names.size() - 1).end(), text.length());
        return run(Action.ALONE, statement, sql.toString(), table);
    }

    private Plan alterTable(SqlStatement statement, String table) {
        StatementParts.AlterTable alter = StatementParts.alterTable(statement.text());
        if (options.keepTargetStructure()) {
            return alter.onlyKeys() ? skip(statement, SkipReason.KEYS_KEPT, table, false)
                    : skip(statement, SkipReason.STRUCTURE_KEPT, table, true);
        }
        return run(alter.renames() ? Action.ALONE : Action.TABLE, statement,
                collationsKnown(renamed(statement.text(), false)), table);
    }

    private Plan insert(SqlStatement statement, String table) {
        if (isMissing(table)) {
            return missing(statement, table);
        }
        return rows(statement, rewriter(statement.table()));
    }

    /** The plan of an INSERT or REPLACE whose table is loaded, made by its table's rewriter. */
    static Plan rows(SqlStatement statement, InsertRewriter rewriter) {
        InsertRewriter.Rewritten rewritten = rewriter.rewrite(statement);
        String table = rewriter.targetTable();
        if (rewritten.error() != null) {
            return new Plan(Action.FAIL, statement.text(), table, statement.kind(), statement.ignore(),
                    rows(statement), statement.line(), null, false, rewritten.error(), Map.of(), false, null,
                    null, false);
        }
        boolean ownRows = statement.valuesOffset() >= 0 || statement.rowCount() == 1;
        return new Plan(ownRows ? Action.TABLE : Action.ALONE, rewritten.text(), table, statement.kind(),
                rewriter.ignores(statement), rows(statement), statement.line(), null, false, null, rewritten.droppedValues(),
                false, headIfRewritten(statement, rewritten.text()), null, false);
    }

    /** The plan of an INSERT of literal rows sent with its values bound (see {@link LiteralBind}). */
    static Plan literalRows(LiteralInsert insert, InsertRewriter rewriter, String sql, Map<String, Long> droppedValues) {
        return new Plan(Action.TABLE, sql, rewriter.targetTable(),
                insert.replace() ? StatementKind.REPLACE : StatementKind.INSERT,
                !insert.replace() && rewriter.ignores(insert.ignore()), insert.rowCount(), insert.line(), null, false,
                null, droppedValues, false, insert.head(), null, false);
    }

    private InsertRewriter rewriter(String scriptTable) {
        return rewriters.computeIfAbsent(scriptTable, t -> new InsertRewriter(t, options.targetName(t),
                options.columnListsFromCreateTable() ? createColumns.get(t) : null, options.insertRewrites().get(t),
                options.ignoreDuplicates()));
    }

    /** The text with the tables at its head, and those its foreign keys reference, given their target names. */
    private String renamed(String text, boolean list) {
        if (options.tableRenames().isEmpty()) {
            return text;
        }
        List<StatementParts.Name> names = new ArrayList<>(StatementParts.headTables(text, list));
        names.addAll(StatementParts.referencedTables(text));
        names.sort((a, b) -> Integer.compare(a.start(), b.start()));
        StringBuilder sql = new StringBuilder(text.length() + 64);
        int copied = 0;
        for (StatementParts.Name name : names) {
            String target = options.tableRenames().get(name.table());
            if (target != null && name.start() >= copied) {
                sql.append(text, copied, name.start()).append(Identifiers.quote(target));
                copied = name.end();
            }
        }
        return sql.append(text, copied, text.length()).toString();
    }

    /** The text with the collations the server lacks replaced, when the options say so (see {@link UnknownCollations}). */
    private String collationsKnown(String text) {
        return options.unknownCollations() == null ? text : options.unknownCollations().replacedIn(text);
    }

    private boolean isMissing(String table) {
        return options.keepTargetStructure() && table != null && !options.targetTables().contains(table);
    }

    private Plan missing(SqlStatement statement, String table) {
        missingTables.add(table);
        return skip(statement, SkipReason.MISSING_TABLE, table, false);
    }

    private static boolean changesStructure(SqlStatement statement) {
        if (STRUCTURE_KINDS.contains(statement.kind())) {
            return true;
        }
        SqlTokens tokens = new SqlTokens(statement.text());
        return tokens.next() == SqlTokens.Type.WORD && STRUCTURE_VERBS.contains(tokens.value().toUpperCase(Locale.ROOT));
    }

    /**
     * A script that drops or creates (without IF NOT EXISTS) a table the kept target has means its rows are the
     * table's whole content: the table is emptied instead, its structure left as the target has it.
     */
    private static Plan emptied(SqlStatement statement, String table) {
        return run(Action.TABLE, statement, "TRUNCATE TABLE " + Identifiers.quote(table), table, true);
    }

    private static Plan skip(SqlStatement statement, SkipReason reason, String table, boolean note) {
        return new Plan(Action.SKIP, statement.text(), table, statement.kind(), statement.ignore(), rows(statement),
                statement.line(), reason, note, null, Map.of(), false, null, null, false);
    }

    private static Plan otherDatabase(SqlStatement statement, String database) {
        return new Plan(Action.SKIP, statement.text(), null, statement.kind(), statement.ignore(), rows(statement),
                statement.line(), SkipReason.OTHER_DATABASE, false, null, Map.of(), false, null, database, false);
    }

    private static Plan run(Action action, SqlStatement statement, String text, String table) {
        return run(action, statement, text, table, false);
    }

    private static Plan run(Action action, SqlStatement statement, String text, String table, boolean empties) {
        return new Plan(action, text, table, statement.kind(), statement.ignore(), rows(statement), statement.line(),
                null, false, null, Map.of(), false, headIfRewritten(statement, text), null, empties);
    }

    private static String headIfRewritten(SqlStatement statement, String text) {
        // the rewriters hand back the very same string when they change nothing: no need to compare megabytes
        return text == statement.text() ? null : SqlSnippet.head(statement.text());
    }

    private static long rows(SqlStatement statement) {
        boolean writesRows = statement.kind() == StatementKind.INSERT || statement.kind() == StatementKind.REPLACE;
        return writesRows ? Math.max(0, statement.rowCount()) : 0;
    }
}
