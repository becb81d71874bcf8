package fr.esup.podmigrate.sql.script;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a script holds, read in one pass without executing anything: see {@link ScriptAnalyzer}.
 *
 * @param tables                the tables the statements name, by their name in the script, in order of appearance
 *                              (of the source database's section only, when there is one)
 * @param refused               the statements an import refuses (the first {@value #MAX_LISTED})
 * @param refusedCount          how many statements an import refuses
 * @param neutralisedUses       the USE lines an import skips, naming an allowed database (the first
 *                              {@value #MAX_LISTED})
 * @param replicationLines      the dumped server's replication lines an import skips
 * @param keptSessionLines      the SETs of the settings the import's session keeps as it sets them (foreign_key_checks,
 *                              sql_mode...), which an import skips: see {@code SkipReason.SESSION_KEPT}
 * @param doubleEncoded         the statements read in a single-byte client charset (SET NAMES latin1) whose bytes are
 *                              multi-byte UTF-8: a UTF-8 script declared latin1, whose text the client, and so the
 *                              import, stores double-encoded ("Ã©" for "é")
 * @param singleByteRows        the INSERTs and REPLACEs of rows read in a single-byte client charset (SET NAMES
 *                              latin1...) that are not double-encoded: dumped in that charset from utf8 tables, their
 *                              text holds a ? for each character the charset lacks; but those of a table whose CREATE
 *                              TABLE in the script shows all its text in that charset (or ascii)
 * @param utf8mb3Rows           the INSERTs and REPLACEs of rows read in utf8mb3 (SET NAMES utf8, as mariadb-dump
 *                              --default-character-set=utf8 writes): dumped from utf8mb4 tables, their text holds a ?
 *                              for each character beyond utf8mb3, such as an emoji; but those of a table whose CREATE
 *                              TABLE in the script shows all its text in charsets utf8mb3 holds (utf8mb3, latin1...)
 * @param undecodableCharsets   the SETs naming a client charset the import cannot decode: it reads the statements
 *                              after them as UTF-8 (the first {@value #MAX_LISTED})
 * @param useDatabases          the databases the USE lines name, allowed or not
 * @param charsets              the character sets the script names (SET NAMES, CHARSET=, CHARACTER SET,
 *                              character_set_client = ...), lower-cased
 * @param collations            the collations it names (COLLATE, collation_connection = ...), lower-cased
 * @param largestStatementBytes the longest statement as sent to the server, in bytes: compare with the target's
 *                              {@code max_allowed_packet}
 * @param largestStatementLine  where that statement starts
 * @param statements            statements read
 * @param bytes                 bytes of the file read (compressed ones for a gzip file)
 * @param textBytes             bytes of SQL text read (after decompression)
 * @param sandboxCommands       how many times the script turns the mariadb client's sandbox mode on
 * @param unterminatedStatementLine where the last statement starts when the script ends before its delimiter, as a
 *                              file cut short does (a dump stopped by a full disk); else -1
 * @param unrestoredSettingsLine where the script saves the client's charset ({@code SET
 *                              @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT}, which mariadb-dump and phpMyAdmin
 *                              write first) when it never sets it back, as they do at the end: the file lacks its end,
 *                              cut between two statements (a dump stopped by an error of mariadb-dump); else -1
 * @param formatError           why the script cannot be read as SQL, or null; what precedes the error is analysed
 * @param sourceDatabase        the database whose section is analysed and would be imported, or null when the script
 *                              is read as one database's
 * @param databases             the databases whose sections the script holds, as its USE and CREATE, ALTER or DROP
 *                              DATABASE lines name them (the source database as it was given), in order of appearance;
 *                              the statements before any USE count in the source database's section, or in none
 */
public record ScriptAnalysis(
        Map<String, TableAnalysis> tables,
        List<RefusedStatement> refused,
        long refusedCount,
        List<ScriptLine> neutralisedUses,
        ScriptLines replicationLines,
        ScriptLines keptSessionLines,
        ScriptLines doubleEncoded,
        ScriptLines singleByteRows,
        ScriptLines utf8mb3Rows,
        List<ScriptLine> undecodableCharsets,
        Set<String> useDatabases,
        Set<String> charsets,
        Set<String> collations,
        long largestStatementBytes,
        long largestStatementLine,
        long statements,
        long bytes,
        long textBytes,
        int sandboxCommands,
        long unterminatedStatementLine,
        long unrestoredSettingsLine,
        ScriptFormatException formatError,
        String sourceDatabase,
        Map<String, DatabaseSection> databases) {

    /** Lists of statements keep at most this many; their counts go on. */
    public static final int MAX_LISTED = 1000;

    public ScriptAnalysis {
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        refused = List.copyOf(refused);
        neutralisedUses = List.copyOf(neutralisedUses);
        undecodableCharsets = List.copyOf(undecodableCharsets);
        useDatabases = Collections.unmodifiableSet(new LinkedHashSet<>(useDatabases));
        charsets = Collections.unmodifiableSet(new LinkedHashSet<>(charsets));
        collations = Collections.unmodifiableSet(new LinkedHashSet<>(collations));
        databases = Collections.unmodifiableMap(new LinkedHashMap<>(databases));
    }

    /** The section of the source database, or null without one. */
    public DatabaseSection sourceSection() {
        return sourceDatabase == null ? null : databases.get(sourceDatabase);
    }

    /** The sections of databases other than the source: an import skips them. Empty without a source database. */
    public List<DatabaseSection> skippedDatabases() {
        return databases.values().stream()
                .filter(d -> sourceDatabase != null && !d.name().equals(sourceDatabase)).toList();
    }

    /** Whether an import would run the script: it is well-formed and refers to nothing outside the target. */
    public boolean importable() {
        return formatError == null && refusedCount == 0;
    }

    /**
     * The tables of {@code rewrittenTables} (script names) that have a positional INSERT with no CREATE TABLE before
     * it: an import cannot know which column each value is for, so it cannot drop or set columns there. Such an
     * INSERT fails the import.
     */
    public Set<String> unrewritableTables(Collection<String> rewrittenTables) {
        Set<String> blocking = new LinkedHashSet<>();
        for (String table : rewrittenTables) {
            TableAnalysis analysis = tables.get(table);
            if (analysis != null && analysis.positionalInsertsWithoutCreateTable() > 0) {
                blocking.add(table);
            }
        }
        return blocking;
    }

    /**
     * A statement of the script, by where it starts.
     *
     * @param statementHead its first characters, blanks collapsed (at most 120)
     */
    public record ScriptLine(long line, String statementHead) {
    }

    /**
     * Statements of one kind that the analysis lists, by where they start.
     *
     * @param listed the first {@value #MAX_LISTED} of them
     * @param count  how many there are
     */
    public record ScriptLines(List<ScriptLine> listed, long count) {

        public ScriptLines {
            listed = List.copyOf(listed);
        }

        /** Whether there is one at least. */
        public boolean any() {
            return count > 0;
        }

        public ScriptLine first() {
            return listed.get(0);
        }
    }

    /**
     * What the script holds of one database.
     *
     * @param tables     the tables its statements name, in order of appearance
     * @param statements its statements, the USE that opens it included
     * @param rows       the rows its INSERT and REPLACE statements write
     */
    public record DatabaseSection(String name, Set<String> tables, long statements, long rows) {

        public DatabaseSection {
            tables = Collections.unmodifiableSet(new LinkedHashSet<>(tables));
        }
    }

    /**
     * One table of the script.
     *
     * @param name                                its name in the script
     * @param statements                          statements naming it (as their first table), by kind
     * @param tuples                              rows its INSERT and REPLACE statements write
     * @param supplementaryCharacters             the characters beyond U+FFFF (emoji, rare ideographs) those statements
     *                                            hold, which a utf8mb3 column stores as '?'
     * @param insertColumns                       the columns its INSERT column lists name, in order of appearance
     * @param createTableColumns                  the columns of its last CREATE TABLE, in order, or empty when none
     * @param createTableIfNotExists              whether that CREATE TABLE says IF NOT EXISTS
     * @param positionalInserts                   INSERT and REPLACE statements without a column list
     * @param positionalInsertsWithoutCreateTable those of them with no CREATE TABLE of the table before them
     * @param dropTable                           whether the script drops the table
     * @param truncate                            whether the script truncates it
     * @param insert                              whether plain INSERTs write it
     * @param insertIgnore                        whether INSERT IGNOREs write it
     * @param replace                             whether REPLACEs write it
     */
    public record TableAnalysis(
            String name,
            Map<StatementKind, Long> statements,
            long tuples,
            long supplementaryCharacters,
            Set<String> insertColumns,
            List<String> createTableColumns,
            boolean createTableIfNotExists,
            long positionalInserts,
            long positionalInsertsWithoutCreateTable,
            boolean dropTable,
            boolean truncate,
            boolean insert,
            boolean insertIgnore,
            boolean replace) {

        public TableAnalysis {
            statements = Collections.unmodifiableMap(new LinkedHashMap<>(statements));
            insertColumns = Collections.unmodifiableSet(new LinkedHashSet<>(insertColumns));
            createTableColumns = List.copyOf(createTableColumns);
        }

        public boolean hasCreateTable() {
            return statements.getOrDefault(StatementKind.CREATE_TABLE, 0L) > 0;
        }
    }
}
