package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.sql.ImportProgress.Stage;
import fr.esup.podmigrate.sql.script.ScriptAnalysis.DatabaseSection;
import fr.esup.podmigrate.sql.script.ScriptAnalysis.ScriptLine;
import fr.esup.podmigrate.sql.script.ScriptAnalysis.TableAnalysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a script once, streaming, and tells what it holds and whether an import would refuse it, without
 * executing anything. The importer (sql.load) runs the same reading as its pre-scan.
 */
public final class ScriptAnalyzer {

    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;
    /** A run of one table's INSERTs at least this long is worth reading on another connection's own reader. */
    private static final long MIN_RUN_BYTES = 256 << 10;
    /**
     * So is a run of at least this many, however short: their rows go as one LOAD DATA (mariadb-dump's
     * --skip-extended-insert writes an INSERT a row), where each one alone waits for its commit.
     */
    private static final long MIN_RUN_STATEMENTS = 32;
    /**
     * The last scan of a script for an import into a named target: the importer (sql.load), given the same unchanged file
     * and the same databases takes it instead of reading the script once more (a Pod import analyses the script
     * first, then imports it).
     */
    private static final AtomicReference<KeptScan> LAST_SCAN = new AtomicReference<>();
    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    /**
     * An INSERT or REPLACE cut before its first row: its table and columns, then nothing or part of the VALUES keyword.
     * One cut inside its rows is read as an INSERT: the server refuses it, as it does the client's.
     */
    private static final Pattern CUT_BEFORE_FIRST_ROW = Pattern.compile("(?i)\\s*(?:INSERT|REPLACE)"
            + "(?:\\s+(?:LOW_PRIORITY|DELAYED|HIGH_PRIORITY|IGNORE))*(?:\\s+INTO)?"
            + "\\s+(?:`[^`]*`|\\w+)(?:\\.(?:`[^`]*`|\\w+))?"
            + "\\s*(?:\\(\\s*(?:`[^`]*`|\\w+)(?:\\s*,\\s*(?:`[^`]*`|\\w+))*\\s*\\))?"
            + "\\s*(?:V(?:A(?:L(?:U(?:E(?:S)?)?)?)?)?)?\\s*");

    private final Predicate<String> ownDatabase;
    private final StatementInspection inspection;
    private final String sourceDatabase;
    private final DatabaseSections sections;
    private final Consumer<ImportProgress> progress;
    private final Map<String, SectionState> databases = new LinkedHashMap<>();

    private final Map<String, TableState> tables = new LinkedHashMap<>();
    private final List<RefusedStatement> refused = new ArrayList<>();
    private long refusedCount;
    private final List<ScriptLine> neutralisedUses = new ArrayList<>();
    private final ScriptLinesBuilder replicationLines = new ScriptLinesBuilder();
    private final ScriptLinesBuilder keptSessionLines = new ScriptLinesBuilder();
    private final ScriptLinesBuilder doubleEncoded = new ScriptLinesBuilder();
    private final ScriptLinesBuilder singleByteRows = new ScriptLinesBuilder();
    private final ScriptLinesBuilder utf8mb3Rows = new ScriptLinesBuilder();
    private List<ScriptLine> undecodableCharsets = List.of();
    private final Set<String> useDatabases = new LinkedHashSet<>();
    private final Set<String> charsets = new LinkedHashSet<>();
    private final Set<String> collations = new LinkedHashSet<>();
    private long largestBytes;
    private long largestLine;
    private long statements;
    private long tuples;
    /** Where the script saved the client's charset, not set back since; -1 when not saved or set back. */
    private long unrestoredSettingsLine = -1;
    private final List<DataRun> runs = new ArrayList<>();
    private DataRun openRun;
    private StatementReader.Position lastPosition;

    private ScriptAnalyzer(Predicate<String> ownDatabase, Predicate<String> ignoredUse, String sourceDatabase,
                           Consumer<ImportProgress> progress) {
        this.ownDatabase = ownDatabase;
        this.inspection = new StatementInspection(ownDatabase, ignoredUse, charsets, collations);
        this.sourceDatabase = sourceDatabase;
        this.sections = new DatabaseSections(sourceDatabase);
        this.progress = progress;
    }

    /**
     * Analyses a script for an import whose target database is not known here: a USE of one of
     * {@code allowedUseDatabases} (in any case) is skipped, and a table name qualified with one of them is accepted.
     * Pass the target database among them, or use {@link #analyze(Path, String, Set, String, Consumer)}.
     *
     * @param sourceDatabase for a script of several databases, the one whose section is analysed, as
     *                       the import options' source database says; null for a script of one database
     * @throws IOException when the file cannot be read; a malformed script is told by
     *                     {@link ScriptAnalysis#formatError()} instead
     */
    public static ScriptAnalysis analyze(Path script, Set<String> allowedUseDatabases, String sourceDatabase,
                                         Consumer<ImportProgress> progress) throws IOException {
        Set<String> allowed = Set.copyOf(allowedUseDatabases);
        return scan(script, allowed::contains, ignoringCase(withSource(allowed, sourceDatabase)), sourceDatabase,
                progress).analysis();
    }

    /**
     * Analyses a script exactly as the importer (sql.load) into {@code targetDatabase} checks it: a USE of the target or
     * of one of {@code allowedUseDatabases} (in any case) is skipped; a qualified table name must name the target.
     */
    public static ScriptAnalysis analyze(Path script, String targetDatabase, Set<String> allowedUseDatabases,
                                         String sourceDatabase, Consumer<ImportProgress> progress) throws IOException {
        Set<String> allowed = withSource(allowedUseDatabases, sourceDatabase);
        allowed.add(targetDatabase);
        return scanForImport(script, targetDatabase, allowed, sourceDatabase, progress, false).analysis();
    }

    /**
     * The scan an import into {@code targetDatabase} checks the script with: a USE of the target or of one of
     * {@code allowedUseDatabases} (in any case) is skipped; a qualified table name must name the target. With
     * {@code reuse}, the last scan made with the same databases is taken when the file is the same as it was then
     * (same real path, file key, size, modification time and first 64 KiB).
     */
    public static Scan scanForImport(Path script, String targetDatabase, Set<String> allowedUseDatabases, String sourceDatabase,
                              Consumer<ImportProgress> progress, boolean reuse) throws IOException {
        ScanKey key = ScanKey.of(script, targetDatabase, allowedUseDatabases, sourceDatabase);
        KeptScan kept = LAST_SCAN.get();
        if (reuse && kept != null && kept.key().equals(key)) {
            return kept.scan();
        }
        Scan scan = new ScriptAnalyzer(targetDatabase::equals, ignoringCase(allowedUseDatabases), sourceDatabase,
                Objects.requireNonNull(progress, "progress")).read(script);
        LAST_SCAN.set(new KeptScan(key, scan));
        return scan;
    }

    /** The file as it was before it was scanned, and the databases the scan was told of. */
    private record ScanKey(Path file, Object fileKey, long size, FileTime modified, String headHash,
                           String targetDatabase, Set<String> allowedUse, String sourceDatabase) {

        static ScanKey of(Path script, String targetDatabase, Set<String> allowedUse, String sourceDatabase)
                throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(script, BasicFileAttributes.class);
            Set<String> lower = allowedUse.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            return new ScanKey(script.toRealPath(), attributes.fileKey(), attributes.size(),
                    attributes.lastModifiedTime(), ScriptHead.hash(script), targetDatabase, lower,
                    sourceDatabase == null ? null : sourceDatabase.toLowerCase(Locale.ROOT));
        }

        /*
         * Written out rather than left to the record: its equals and hashCode are made at their first call by an
         * invokedynamic bootstrap, which generates 26 classes of method handles with ClientCharsetSession's, and the
         * quick compiler then compiles the generator (a fifth of the bytecode it compiled during an import).
         */
        @Override
        public boolean equals(Object other) {
            return other instanceof ScanKey key && size == key.size && Objects.equals(file, key.file)
                    && Objects.equals(fileKey, key.fileKey) && Objects.equals(modified, key.modified)
                    && Objects.equals(headHash, key.headHash) && Objects.equals(targetDatabase, key.targetDatabase)
                    && Objects.equals(allowedUse, key.allowedUse) && Objects.equals(sourceDatabase, key.sourceDatabase);
        }

        @Override
        public int hashCode() {
            return Objects.hash(file, fileKey, size, modified, headHash, targetDatabase, allowedUse, sourceDatabase);
        }
    }

    private record KeptScan(ScanKey key, Scan scan) {
    }

    /**
     * @param ignoredUse     the databases whose USE and CREATE DATABASE are skipped: the source database among them
     * @param sourceDatabase the database whose section is read, or null
     */
    public static Scan scan(Path script, Predicate<String> ownDatabase, Predicate<String> ignoredUse, String sourceDatabase,
                     Consumer<ImportProgress> progress) throws IOException {
        return new ScriptAnalyzer(ownDatabase, ignoredUse, sourceDatabase,
                Objects.requireNonNull(progress, "progress")).read(script);
    }

    private static Set<String> withSource(Set<String> databases, String sourceDatabase) {
        Set<String> with = new LinkedHashSet<>(databases);
        if (sourceDatabase != null) {
            with.add(sourceDatabase);
        }
        return with;
    }

    private static Predicate<String> ignoringCase(Set<String> names) {
        Set<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return name -> lower.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The analysis and, for a plain script, the long runs of one table's INSERTs with where they start and end. */
    public record Scan(ScriptAnalysis analysis, List<DataRun> runs) {
    }

    /**
     * Consecutive INSERT or REPLACE ... VALUES statements of one table, {@code first} to {@code last} (0-based
     * statement indexes), between two reader positions. A run is loaded whole by one connection: InnoDB fills its
     * pages in key order then, where pieces of one table loaded side by side split pages half-full (a table 40 %
     * larger, measured on a Pod dump's video_encodinglog).
     *
     * @param rows the tuples of its statements
     */
    public record DataRun(String table, long first, long last, StatementReader.Position start, StatementReader.Position end,
                   long bytes, long rows) {

        DataRun extendedTo(long index, StatementReader.Position newEnd, long statementBytes, long statementRows) {
            return new DataRun(table, first, index, start, newEnd, bytes + statementBytes, rows + statementRows);
        }
    }

    private Scan read(Path script) throws IOException {
        ScriptFormatException formatError = null;
        long bytes = 0;
        long textBytes = 0;
        int sandboxCommands = 0;
        long unterminatedStatementLine = -1;
        long lastReport = System.nanoTime();
        try (SplitReading reader = SplitReading.open(script)) {
            lastPosition = reader.start();
            SplitReading.Read last = null;
            try {
                for (SplitReading.Read read = reader.next(); read != null; read = reader.next()) {
                    last = read;
                    statement(read.statement(), read.after(), read.charset());
                    if (System.nanoTime() - lastReport > PROGRESS_INTERVAL_NANOS) {
                        progress.accept(new ImportProgress(reader.bytesRead(), reader.totalBytes(), statements, tuples,
                                Stage.CHECKING));
                        lastReport = System.nanoTime();
                    }
                }
            } catch (ScriptFormatException e) {
                formatError = e;
            }
            closeRun();
            bytes = reader.bytesRead();
            textBytes = reader.offset();
            sandboxCommands = reader.sandboxCommands();
            undecodableCharsets = reader.undecodableCharsets();
            if (formatError == null && reader.endedInsideStatement()) {
                unterminatedStatementLine = last.statement().line();
                namesCutShortInsert(last.statement());
            }
            progress.accept(new ImportProgress(bytes, reader.totalBytes(), statements, tuples, Stage.CHECKING));
        }
        Map<String, TableAnalysis> analysed = new LinkedHashMap<>();
        tables.forEach((name, state) -> analysed.put(name, state.analysis(name)));
        Map<String, DatabaseSection> sectionsHeld = new LinkedHashMap<>();
        databases.forEach((name, state) -> sectionsHeld.put(name,
                new DatabaseSection(name, state.tables, state.statements, state.rows)));
        ScriptAnalysis analysis = new ScriptAnalysis(analysed, refused, refusedCount, neutralisedUses,
                replicationLines.lines(), keptSessionLines.lines(), doubleEncoded.lines(), singleByteRows.lines(),
                utf8mb3Rows.lines(), undecodableCharsets, useDatabases,
                charsets, collations, largestBytes, largestLine, statements, bytes, textBytes, sandboxCommands,
                unterminatedStatementLine, unrestoredSettingsLine, formatError, sourceDatabase, sectionsHeld);
        return new Scan(analysis, List.copyOf(runs));
    }

    /** @param charset the client charset the statement was read in */
    private void statement(SqlStatement statement, StatementReader.Position after, ClientCharset charset)
            throws ScriptFormatException {
        if (statement.text().startsWith(BYTE_ORDER_MARK)) {
            throw new ScriptFormatException(ScriptFormatException.Reason.BYTE_ORDER_MARK, statement.line(),
                    "a byte order mark (EF BB BF) starts a statement inside the script: files joined together, each"
                            + " with its own? The client and the server fail on it: remove it from the file");
        }
        long index = statements++;
        String section = sections.sectionOf(statement);
        if (section != null) {
            databases.computeIfAbsent(section, d -> new SectionState()).add(statement);
        }
        if (statement.kind() == StatementKind.USE && statement.schema() != null) {
            useDatabases.add(statement.schema());
        }
        if (statement.kind() == StatementKind.SET) {
            followSavedSettings(statement);
        }
        if (sections.skips(section)) {
            followRuns(index, statement, false, after);
            return;
        }
        measure(statement);
        boolean replication = ReplicationStatements.skipped(statement);
        if (replication) {
            replicationLines.add(statement);
        }
        if (!replication && SessionGuards.of(statement) == SessionGuards.Verdict.KEPT) {
            keptSessionLines.add(statement);
        }
        if (statement.doubleEncoded()) {
            doubleEncoded.add(statement);
        }
        boolean rows = statement.rowCount() > 0
                && (statement.kind() == StatementKind.INSERT || statement.kind() == StatementKind.REPLACE);
        ScriptLinesBuilder narrowRows = !rows ? null : charset.singleByte() && !statement.doubleEncoded()
                ? singleByteRows : charset.name().equals("utf8mb3") ? utf8mb3Rows : null;
        if (narrowRows != null) {
            // rows dumped in a charset that holds all of their table's text lost nothing to it
            TableState table = tables.get(statement.table());
            if (table == null || !table.textFitsIn(charset.name())) {
                narrowRows.add(statement);
            }
        }
        RefusalReason reason = replication ? null : inspection.refusal(statement);
        if (reason != null) {
            refusedCount++;
            if (refused.size() < ScriptAnalysis.MAX_LISTED) {
                refused.add(new RefusedStatement(statement.line(), SqlSnippet.head(statement.text()), reason));
            }
        }
        boolean neutralisedUse = statement.kind() == StatementKind.USE && reason == null;
        if (neutralisedUse && neutralisedUses.size() < ScriptAnalysis.MAX_LISTED) {
            neutralisedUses.add(new ScriptLine(statement.line(), SqlSnippet.head(statement.text())));
        }
        if (statement.table() != null) {
            tables.computeIfAbsent(statement.table(), t -> new TableState()).add(statement);
        }
        if (statement.rowCount() > 0) {
            tuples += statement.rowCount();
        }
        followRuns(index, statement, true, after);
    }

    /**
     * mariadb-dump and phpMyAdmin begin a script by saving the client's charset in a variable and end it by setting the
     * charset back: a script that saves it and never sets it back lacks its end.
     */
    private void followSavedSettings(SqlStatement statement) {
        String compact = BLANKS.matcher(statement.text()).replaceAll("").toUpperCase(Locale.ROOT);
        if (compact.contains("SET@OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT")) {
            if (unrestoredSettingsLine < 0) {
                unrestoredSettingsLine = statement.line();
            }
        } else if (compact.contains("SETCHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT")) {
            unrestoredSettingsLine = -1;
        }
    }

    /** Refuses the script's unterminated last statement as cut short where it was refused as an INSERT ... SELECT. */
    private void namesCutShortInsert(SqlStatement last) {
        int at = refused.size() - 1;
        if (at >= 0 && refused.get(at).line() == last.line() && refused.get(at).reason() == RefusalReason.INSERT_SELECT
                && CUT_BEFORE_FIRST_ROW.matcher(last.text()).matches()) {
            refused.set(at, new RefusedStatement(last.line(), refused.get(at).statementHead(),
                    RefusalReason.CUT_SHORT_INSERT));
        }
    }

    private void measure(SqlStatement statement) {
        if (statement.textBytes() > largestBytes) {
            largestBytes = statement.textBytes();
            largestLine = statement.line();
        }
    }

    /** @param imported whether the statement is of the section an import runs */
    private void followRuns(long index, SqlStatement statement, boolean imported, StatementReader.Position after) {
        boolean data = imported && (statement.kind() == StatementKind.INSERT || statement.kind() == StatementKind.REPLACE)
                && statement.valuesOffset() >= 0 && statement.schema() == null && statement.table() != null;
        long statementBytes = statement.endOffset() - statement.startOffset();
        long statementRows = Math.max(0, statement.rowCount());
        if (openRun != null && (!data || !openRun.table().equals(statement.table()) || after == null)) {
            closeRun();
        }
        if (data && after != null) {
            if (openRun != null) {
                openRun = openRun.extendedTo(index, after, statementBytes, statementRows);
            } else if (lastPosition != null) {
                openRun = new DataRun(statement.table(), index, index, lastPosition, after, statementBytes,
                        statementRows);
            }
        }
        lastPosition = after;
    }

    /** Keeps the open run if it is long enough. */
    private void closeRun() {
        if (openRun != null && (openRun.bytes() >= MIN_RUN_BYTES
                || openRun.last() - openRun.first() + 1 >= MIN_RUN_STATEMENTS)) {
            runs.add(openRun);
        }
        openRun = null;
    }

    /** Statements of one kind, the first {@value ScriptAnalysis#MAX_LISTED} listed, all counted. */
    private static final class ScriptLinesBuilder {
        private final List<ScriptLine> listed = new ArrayList<>();
        private long count;

        void add(SqlStatement statement) {
            if (count++ < ScriptAnalysis.MAX_LISTED) {
                listed.add(new ScriptLine(statement.line(), SqlSnippet.head(statement.text())));
            }
        }

        ScriptAnalysis.ScriptLines lines() {
            return new ScriptAnalysis.ScriptLines(listed, count);
        }
    }

    /** What one database's section holds, gathered statement by statement. */
    private static final class SectionState {
        private final Set<String> tables = new LinkedHashSet<>();
        private long statements;
        private long rows;

        void add(SqlStatement statement) {
            statements++;
            if (statement.table() != null) {
                tables.add(statement.table());
            }
            rows += Math.max(0, statement.rowCount());
        }
    }

    /** What the script does to one of its tables, gathered statement by statement. */
    private static final class TableState {
        private final Map<StatementKind, Long> statements = new EnumMap<>(StatementKind.class);
        private long tuples;
        private long supplementaryCharacters;
        private final Set<String> insertColumns = new LinkedHashSet<>();
        private List<String> createTableColumns = List.of();
        /** The character sets its last CREATE TABLE names, or null before one. */
        private StatementParts.TextCharsets createTableCharsets;
        private boolean createTableIfNotExists;
        private boolean created;
        private long positionalInserts;
        private long positionalWithoutCreate;
        private boolean insert;
        private boolean insertIgnore;
        private boolean replace;

        void add(SqlStatement statement) {
            statements.merge(statement.kind(), 1L, Long::sum);
            switch (statement.kind()) {
                case CREATE_TABLE -> {
                    StatementParts.CreateTable create = StatementParts.createTable(statement.text());
                    createTableColumns = create.columns() == null ? List.of() : create.columns();
                    createTableCharsets = StatementParts.TextCharsets.of(statement.text());
                    createTableIfNotExists = create.ifNotExists();
                    created = true;
                }
                case INSERT, REPLACE -> {
                    tuples += Math.max(0, statement.rowCount());
                    supplementaryCharacters += statement.supplementaryCharacters();
                    insertColumns.addAll(statement.columns());
                    if (statement.columns().isEmpty() && statement.valuesOffset() >= 0) {
                        positionalInserts++;
                        positionalWithoutCreate += created ? 0 : 1;
                    }
                    insert |= statement.kind() == StatementKind.INSERT && !statement.ignore();
                    insertIgnore |= statement.ignore();
                    replace |= statement.kind() == StatementKind.REPLACE;
                }
                default -> { }
            }
        }

        /**
         * Whether the script created the table with text that the client charset holds whole, as a dump of a table in
         * its own charset is: its table options name a charset, and that one and each column's fit in the client's.
         */
        boolean textFitsIn(String clientCharset) {
            return createTableCharsets != null && !createTableCharsets.table().isEmpty()
                    && Stream.concat(createTableCharsets.table().stream(), createTableCharsets.columns().stream())
                    .allMatch(charset -> fitsIn(charset, clientCharset));
        }

        /** utf8mb3 holds the characters of every charset but the full Unicode ones; a single-byte one, its own. */
        private static boolean fitsIn(String charset, String clientCharset) {
            return charset.equals(clientCharset) || charset.equals("ascii") || charset.equals("binary")
                    || clientCharset.equals("utf8mb3") && !ClientCharset.fullUnicode(charset);
        }

        TableAnalysis analysis(String name) {
            return new TableAnalysis(name, statements, tuples, supplementaryCharacters, insertColumns, createTableColumns,
                    createTableIfNotExists, positionalInserts, positionalWithoutCreate,
                    statements.containsKey(StatementKind.DROP_TABLE), statements.containsKey(StatementKind.TRUNCATE),
                    insert, insertIgnore, replace);
        }
    }
}
