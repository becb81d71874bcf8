package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.pod.DatabaseKind;
import fr.esup.podmigrate.pod.DatabaseShape;
import fr.esup.podmigrate.pod.EphemeralTable;
import fr.esup.podmigrate.pod.ExcludedTable;
import fr.esup.podmigrate.pod.PodSchemas;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.TableRename;
import fr.esup.podmigrate.sql.load.ImportOptions;
import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.sql.load.ImportResult;
import fr.esup.podmigrate.sql.load.Importer;
import fr.esup.podmigrate.sql.script.ClientCharset;
import fr.esup.podmigrate.sql.script.RefusedStatement;
import fr.esup.podmigrate.sql.script.ScriptAnalysis;
import fr.esup.podmigrate.sql.script.ScriptAnalyzer;
import fr.esup.podmigrate.sql.load.ScriptRefusedException;
import fr.esup.podmigrate.sql.script.SqlStatement;
import fr.esup.podmigrate.sql.script.StatementKind;
import fr.esup.podmigrate.sql.script.StatementReader;
import fr.esup.podmigrate.sql.load.TargetLockedException;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The import of a podv2.sql into a Pod v3 database, as the console and the command line both run it: the analysis
 * first (blocking problems refused before any change), then the import with the v2→v3 renames the target's shape
 * needs, the excluded tables, the dropped and new columns, the kept structure.
 */
public final class PodImport {

    /** Connections that load tables at once: the server's inserts, not the reading, bound an import. */
    public static final int CONNECTIONS = 4;

    private static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "information_schema", "performance_schema", "sys");
    private static final int HEAD_STATEMENTS = 200;
    private static final Set<String> V2_TABLES = Stream.of(PodVersion.values()).filter(PodVersion::isV2)
            .flatMap(v -> PodSchemas.tables(v).stream()).collect(Collectors.toUnmodifiableSet());
    /** The tables every Pod 2.9 release creates: a dump of a v2 database with its tables' structure holds each. */
    private static final Set<String> EVERY_V2_TABLE = Stream.of(PodVersion.values()).filter(PodVersion::isV2)
            .map(PodSchemas::tables).reduce(PodImport::both).orElse(Set.of());
    private static final Set<String> V3_ONLY_TABLES = Stream.of(PodVersion.values()).filter(v -> !v.isV2())
            .flatMap(v -> PodSchemas.tables(v).stream()).filter(t -> !V2_TABLES.contains(t))
            .collect(Collectors.toUnmodifiableSet());

    private PodImport() {
    }

    /** Reads the script; with a target, plans it against the target's tables. */
    public static PodImportAnalysis analyze(Path script, DatabaseEndpoint target, Consumer<ImportProgress> progress)
            throws IOException, SQLException {
        return analyze(script, target, null, progress);
    }

    /**
     * Reads the script; with a target, plans it against the target's tables. A script of several databases (a
     * {@code mariadb-dump --databases} or {@code --all-databases}) is imported from one database's section only.
     *
     * @param sourceDatabase that database, or null to take the one whose section holds the most Pod v2 tables
     */
    public static PodImportAnalysis analyze(Path script, DatabaseEndpoint target, String sourceDatabase,
                                            Consumer<ImportProgress> progress) throws IOException, SQLException {
        return analyze(script, target, sourceDatabase, false, progress);
    }

    /**
     * As {@link #analyze(Path, DatabaseEndpoint, String, Consumer)}.
     *
     * @param includeEphemeral import the caches and short-lived tables ({@link PodMigrationRules#EPHEMERAL_TABLES})
     *                         too, which the plan leaves out by default
     */
    public static PodImportAnalysis analyze(Path script, DatabaseEndpoint target, String sourceDatabase,
                                            boolean includeEphemeral, Consumer<ImportProgress> progress)
            throws IOException, SQLException {
        return analyze(read(script, target == null ? null : target.database(), sourceDatabase, progress), target,
                includeEphemeral);
    }

    /**
     * The script as read for an import into {@code targetDatabase}, before any look at the target: the half of an
     * analysis that touches no database, which the command line runs while it locks and checks the target.
     *
     * @param targetDatabase the target's database name, or null for an analysis without a target
     */
    public static ScriptRead read(Path script, String targetDatabase, String sourceDatabase,
                                  Consumer<ImportProgress> progress) throws IOException {
        Set<String> allowedUse = sourceDatabase == null ? homeDatabase(script) : Set.of();
        ScriptAnalysis analysis = read(script, targetDatabase, allowedUse, sourceDatabase, progress);
        List<PlanProblem> problems = new ArrayList<>();
        String databasesFound = String.join(", ", analysis.useDatabases());
        if (sourceDatabase == null && analysis.useDatabases().size() > 1) {
            List<ScriptAnalysis.DatabaseSection> podDatabases = podDatabases(analysis.databases().values());
            if (!podDatabases.isEmpty()) {
                // Which section is Pod's is known once the whole script is read: the chosen one's is read again.
                ScriptAnalysis.DatabaseSection chosen = podDatabases.get(0);
                allowedUse = Set.of();
                analysis = read(script, targetDatabase, allowedUse, chosen.name(), progress);
                if (podDatabases.size() > 1) {
                    problems.add(PlanProblem.warning("several-pod-databases", chosen.name(), podDatabases.stream()
                            .skip(1).map(ScriptAnalysis.DatabaseSection::name).collect(Collectors.joining(", ")),
                            chosen.rows()));
                }
            } else {
                problems.add(PlanProblem.blocking("no-pod-database", 0, databasesFound));
            }
        } else if (sourceDatabase != null && !analysis.useDatabases().isEmpty()
                && analysis.useDatabases().stream().noneMatch(sourceDatabase::equalsIgnoreCase)) {
            problems.add(PlanProblem.blocking("source-database-missing", 0, sourceDatabase, databasesFound));
        }
        return new ScriptRead(script.getFileName().toString(), analysis, allowedUse, problems);
    }

    /**
     * A script read by {@link #read(Path, String, String, Consumer)}.
     *
     * @param problems what its databases' sections tell: none, or the missing source database's
     */
    public record ScriptRead(String scriptName, ScriptAnalysis analysis, Set<String> allowedUse,
                             List<PlanProblem> problems) {

        /** The same reading under the name of the file it stands for, such as a compressed script read as a copy. */
        public ScriptRead of(Path script) {
            return new ScriptRead(script.getFileName().toString(), analysis, allowedUse, problems);
        }
    }

    /** Plans a script read against the target's tables, when there is a target. */
    public static PodImportAnalysis analyze(ScriptRead read, DatabaseEndpoint target, boolean includeEphemeral)
            throws SQLException {
        return analyze(read, target == null ? null : targetSchema(target), includeEphemeral);
    }

    /** The tables and settings of the target a script is planned against. */
    public static TargetSchema targetSchema(DatabaseEndpoint target) throws SQLException {
        try (Connection connection = target.connect()) {
            return TargetSchema.read(connection);
        }
    }

    /** Plans a script read against the target's schema, read before; without one, the script alone. */
    public static PodImportAnalysis analyze(ScriptRead read, TargetSchema schema, boolean includeEphemeral) {
        ScriptAnalysis analysis = read.analysis();
        List<PlanProblem> problems = new ArrayList<>(read.problems());
        List<TablePlan> tables = List.of();
        if (schema != null) {
            tables = PodImportPlanner.plan(facts(analysis), schema, includeEphemeral);
        }
        problems(analysis, schema, tables, problems);
        return new PodImportAnalysis(read.scriptName(), analysis, schema, tables, problems, read.allowedUse(),
                includeEphemeral);
    }

    private static ScriptAnalysis read(Path script, String targetDatabase, Set<String> allowedUse,
                                       String sourceDatabase, Consumer<ImportProgress> progress) throws IOException {
        return targetDatabase == null
                ? ScriptAnalyzer.analyze(script, allowedUse, sourceDatabase, progress)
                : ScriptAnalyzer.analyze(script, targetDatabase, allowedUse, sourceDatabase, progress);
    }

    /**
     * The databases, not system schemas, whose sections are Pod v2's: the one holding the most of its tables first,
     * then, of those holding as many (a test copy beside the production one), the one with the most rows; in script
     * order when both tie.
     */
    private static List<ScriptAnalysis.DatabaseSection> podDatabases(Collection<ScriptAnalysis.DatabaseSection> databases) {
        Comparator<ScriptAnalysis.DatabaseSection> mostTables = Comparator.comparingLong(
                d -> d.tables().stream().filter(V2_TABLES::contains).count());
        return databases.stream()
                .filter(d -> !SYSTEM_SCHEMAS.contains(d.name().toLowerCase(Locale.ROOT)))
                .filter(d -> DatabaseShape.detect(d.tables(), List.of()).kind() == DatabaseKind.POD_V2)
                .sorted(mostTables.thenComparingLong(ScriptAnalysis.DatabaseSection::rows).reversed())
                .toList();
    }

    /**
     * Imports an analysed script. {@code settings} adds what the run needs (parallelism, error policy, checkpoint,
     * progress, cancel, the target's lock) to the plan's options.
     */
    public static ImportResult run(PodImportAnalysis analysis, Path script, DatabaseEndpoint target,
                                   UnaryOperator<ImportOptions.Builder> settings)
            throws ScriptRefusedException, IOException, SQLException, TargetLockedException {
        if (analysis.blocked() || analysis.target() == null) {
            throw new IllegalStateException("The analysis of " + analysis.scriptName() + " has blocking problems");
        }
        ImportOptions options = settings.apply(analysis.importOptions()).build();
        return new Importer(options).run(script, target::connect);
    }

    /**
     * The database a script's first USE lines name, when it names one only and it is not a system schema: the
     * script's own source database, whose USE is neutralised rather than refused (the import runs in the target).
     */
    private static Set<String> homeDatabase(Path script) throws IOException {
        Set<String> used;
        try {
            used = usedDatabases(script);
        } catch (IOException e) {
            return Set.of();
        }
        return used.size() == 1 && !SYSTEM_SCHEMAS.contains(used.iterator().next().toLowerCase(Locale.ROOT)) ? used : Set.of();
    }

    /** The databases the script's head USEs, before its first rows: the one it was dumped from, or several. */
    public static Set<String> usedDatabases(Path script) throws IOException {
        Set<String> used = new LinkedHashSet<>();
        try (StatementReader reader = StatementReader.open(script)) {
            SqlStatement statement;
            for (int i = 0; i < HEAD_STATEMENTS && (statement = reader.next()) != null; i++) {
                if (statement.kind() == StatementKind.USE && statement.schema() != null) {
                    used.add(statement.schema());
                } else if (statement.kind() == StatementKind.INSERT || statement.kind() == StatementKind.REPLACE) {
                    break;
                }
            }
        }
        return used;
    }

    /** Whether the script creates a table before its first rows: a dump of data alone does not. */
    public static boolean createsTablesBeforeRows(Path script) throws IOException {
        try (StatementReader reader = StatementReader.open(script)) {
            for (SqlStatement statement = reader.next(); statement != null; statement = reader.next()) {
                if (statement.kind() == StatementKind.CREATE_TABLE) {
                    return true;
                }
                if (statement.kind() == StatementKind.INSERT || statement.kind() == StatementKind.REPLACE) {
                    return false;
                }
            }
        }
        return true;
    }

    static List<ScriptTableFacts> facts(ScriptAnalysis analysis) {
        List<ScriptTableFacts> facts = new ArrayList<>();
        for (ScriptAnalysis.TableAnalysis table : analysis.tables().values()) {
            List<String> columns = !table.createTableColumns().isEmpty() ? table.createTableColumns()
                    : !table.insertColumns().isEmpty() ? List.copyOf(table.insertColumns())
                    // a dump of data alone: its INSERTs are read in v2's order (see positionalColumns)
                    : PodSchemas.v2ColumnOrder().getOrDefault(table.name(), List.of());
            long statements = table.statements().values().stream().mapToLong(Long::longValue).sum();
            boolean replacesRows = table.dropTable() || (table.hasCreateTable() && !table.createTableIfNotExists());
            facts.add(new ScriptTableFacts(table.name(), statements, table.tuples(), columns, replacesRows,
                    table.positionalInserts(), table.positionalInsertsWithoutCreateTable()));
        }
        return facts;
    }

    /**
     * What the script's tables say it is when it is not a Pod v2 database: empty, a Pod v3 (it has tables only v3
     * has), or another application's (it has none of Pod v2's tables).
     */
    private static Optional<DatabaseKind> scriptKind(Set<String> scriptTables) {
        if (scriptTables.isEmpty()) {
            return Optional.of(DatabaseKind.EMPTY);
        }
        if (scriptTables.stream().anyMatch(V3_ONLY_TABLES::contains)) {
            return Optional.of(DatabaseKind.POD_V3);
        }
        return scriptTables.stream().anyMatch(V2_TABLES::contains) ? Optional.empty() : Optional.of(DatabaseKind.OTHER);
    }

    /** Adds the analysis' problems to those of the script's databases, found before. */
    private static void problems(ScriptAnalysis analysis, TargetSchema target, List<TablePlan> tables,
                                 List<PlanProblem> problems) {
        boolean sourceFound = problems.isEmpty();
        if (analysis.formatError() != null) {
            problems.add(PlanProblem.blocking("format", analysis.formatError().line(), analysis.formatError().getMessage()));
        }
        for (RefusedStatement refused : analysis.refused()) {
            problems.add(PlanProblem.blocking("refused." + refused.reason().name(), refused.line(), refused.statementHead()));
        }
        if (analysis.refusedCount() > analysis.refused().size()) {
            problems.add(PlanProblem.blocking("refused-more", 0, analysis.refusedCount() - analysis.refused().size()));
        }
        if (analysis.formatError() != null && analysis.tables().isEmpty()) {
            return; // not SQL from its start (an XML export, a file of another kind): there is nothing to plan
        }
        Map<String, ScriptAnalysis.ScriptLines> listed = new LinkedHashMap<>();
        listed.put("replication-lines", analysis.replicationLines());
        listed.put("kept-session-lines", analysis.keptSessionLines());
        listed.put("double-encoded", analysis.doubleEncoded());
        listed.put("single-byte-rows", analysis.singleByteRows());
        listed.put("utf8mb3-rows", analysis.utf8mb3Rows());
        listed.forEach((code, lines) -> {
            if (lines.any()) {
                problems.add(PlanProblem.warning(code, lines.count(), lines.first().line(),
                        lines.first().statementHead()));
            }
        });
        if (analysis.unterminatedStatementLine() > 0) {
            problems.add(PlanProblem.warning("unterminated-script", analysis.unterminatedStatementLine()));
        } else if (analysis.unrestoredSettingsLine() > 0) {
            problems.add(PlanProblem.warning("script-end-missing", analysis.unrestoredSettingsLine()));
        }
        if (!analysis.undecodableCharsets().isEmpty()) {
            ScriptAnalysis.ScriptLine first = analysis.undecodableCharsets().get(0);
            problems.add(PlanProblem.warning("undecodable-charset", analysis.undecodableCharsets().size(), first.line(),
                    first.statementHead()));
        }
        if (analysis.formatError() == null && sourceFound) {
            Optional<DatabaseKind> notPodV2 = scriptKind(analysis.tables().keySet());
            notPodV2.ifPresent(kind -> problems.add(PlanProblem.blocking("not-pod-v2." + kind.name(), 0)));
            if (notPodV2.isEmpty() && analysis.tables().values().stream().allMatch(t -> t.tuples() == 0)) {
                problems.add(PlanProblem.blocking("no-rows", 0));
            }
        }
        if (target == null) {
            problems.add(PlanProblem.warning("no-target"));
            return;
        }
        if (analysis.largestStatementBytes() > target.maxAllowedPacket()) {
            problems.add(PlanProblem.blocking("packet", analysis.largestStatementLine(), analysis.largestStatementBytes(),
                    target.maxAllowedPacket()));
        }
        // Only the session's charset matters to the import (table definitions are not run): an unknown one is said
        // here, and the server would refuse it at the script's first SET NAMES, before any row.
        analysis.charsets().stream().filter(c -> !target.charsets().contains(ClientCharset.utf8Alias(c)))
                .forEach(c -> problems.add(PlanProblem.warning("charset", c)));
        analysis.collations().stream().filter(c -> !target.collations().contains(ClientCharset.utf8Alias(c)))
                .forEach(c -> problems.add(PlanProblem.warning("collation", c)));
        List<String> holding = target.tablesWithRows().stream()
                .filter(t -> !t.equals(PodMigrationRules.MIGRATIONS_TABLE)).toList();
        Set<String> replaced = tables.stream().filter(t -> PodImportAnalysis.replacesTargetRows(t, analysis))
                .map(TablePlan::targetTable).collect(Collectors.toSet());
        List<String> keepingRows = holding.stream().filter(t -> !replaced.contains(t)).toList();
        if (!keepingRows.isEmpty()) {
            problems.add(PlanProblem.warning("target-not-empty", keepingRows.size(), firstNames(keepingRows)));
        }
        if (!target.tablesWithKeysHeldBack().isEmpty()) {
            problems.add(PlanProblem.warning("keys-held-back", target.tablesWithKeysHeldBack().size(),
                    firstNames(target.tablesWithKeysHeldBack())));
        }
        List<String> emptiedFirst = tables.stream().filter(t -> PodImportAnalysis.fillsWithoutEmptying(t, analysis))
                .map(TablePlan::targetTable).filter(holding::contains).toList();
        if (!emptiedFirst.isEmpty()) {
            problems.add(PlanProblem.warning("emptied-first", emptiedFirst.size(),
                    firstNames(emptiedFirst)));
        }
        List<String> readInV2Order = new ArrayList<>();
        for (TablePlan table : tables) {
            ScriptAnalysis.TableAnalysis facts = analysis.tables().get(table.scriptTable());
            if (table.imported() && facts.positionalInsertsWithoutCreateTable() > 0) {
                if (PodSchemas.v2ColumnOrder().containsKey(table.scriptTable())) {
                    readInV2Order.add(table.scriptTable());
                } else {
                    problems.add(PlanProblem.blocking("positional-blind", 0, table.scriptTable(),
                            facts.positionalInsertsWithoutCreateTable()));
                }
            }
            if (table.fate() == TablePlan.Fate.NO_V3_HOME && table.rows() > 0) {
                problems.add(PlanProblem.warning("no-v3-home." + table.note(), table.scriptTable(), table.rows(),
                        table.noteArgument()));
            }
            if (table.fate() == TablePlan.Fate.UNREAD && table.rows() > 0) {
                problems.add(PlanProblem.warning("unread-table", table.scriptTable(), table.rows(), table.note()));
            }
            if (table.fate() == TablePlan.Fate.EPHEMERAL && table.rows() > 0) {
                problems.add(PlanProblem.warning("ephemeral." + table.note(), table.scriptTable(), table.rows()));
            }
            if (table.imported() && table.rows() > 0) {
                ephemeral(table.scriptTable()).ifPresent(e -> unlinked(table, e, tables).ifPresent(problems::add));
            }
            if (table.fate() == TablePlan.Fate.MISSING_IN_V3 && table.rows() > 0) {
                problems.add(PlanProblem.warning("missing-table", table.scriptTable(), table.rows()));
            }
            table.droppedColumns().stream().filter(c -> c.why().isEmpty())
                    .forEach(c -> problems.add(PlanProblem.warning("unknown-column", table.scriptTable(), c.column())));
            table.unfilledColumns()
                    .forEach(c -> problems.add(PlanProblem.warning("unfilled", table.targetTable(), c)));
        }
        supplementaryCharactersLost(analysis, target, tables).ifPresent(problems::add);
        if (!readInV2Order.isEmpty()) {
            problems.add(PlanProblem.warning("positional-v2-order", readInV2Order.size(),
                    firstNames(readInV2Order)));
        }
        List<String> absent = absentV2Tables(analysis, target);
        if (!absent.isEmpty()) {
            problems.add(PlanProblem.warning("v2-tables-absent", absent.size(), firstNames(absent)));
        }
    }

    /**
     * The tables of Pod 2.9 whose rows the target would take that a script with its tables' structure lacks (a
     * mariadb-dump --ignore-table): their v3 tables get none of their rows. A dump of data alone writes nothing for an
     * empty table, so only a script that creates its tables tells a missing one.
     */
    private static List<String> absentV2Tables(ScriptAnalysis analysis, TargetSchema target) {
        if (analysis.formatError() != null // read up to the error only: the tables after it are unknown
                || analysis.tables().values().stream().noneMatch(ScriptAnalysis.TableAnalysis::hasCreateTable)
                || scriptKind(analysis.tables().keySet()).isPresent()) {
            return List.of();
        }
        Set<String> inScript = analysis.tables().keySet().stream().map(t -> t.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        Set<String> renamed = PodMigrationRules.renamesFor(target.tableNames()).stream().map(TableRename::v2Table)
                .collect(Collectors.toSet());
        Set<String> leftOut = Stream.concat(PodMigrationRules.EXCLUDED_TABLES.stream().map(ExcludedTable::table),
                PodMigrationRules.EPHEMERAL_TABLES.stream().map(EphemeralTable::table)).collect(Collectors.toSet());
        return EVERY_V2_TABLE.stream().filter(t -> !inScript.contains(t) && !leftOut.contains(t))
                .filter(t -> target.has(t) || renamed.contains(t)).sorted().toList();
    }

    /**
     * The characters beyond U+FFFF (emoji...) of the script's rows that the target would store as '?': those of the
     * tables whose v3 table has text columns in a character set without them, utf8mb3 (a database created with
     * CHARACTER SET utf8) or latin1. Counted by table, not by column: a table's other columns may hold them.
     */
    private static Optional<PlanProblem> supplementaryCharactersLost(ScriptAnalysis analysis, TargetSchema target,
                                                                     List<TablePlan> tables) {
        long characters = 0;
        List<String> narrowTables = new ArrayList<>();
        Set<String> narrowCharsets = new TreeSet<>();
        for (TablePlan table : tables.stream().filter(TablePlan::imported).toList()) {
            long supplementary = analysis.tables().get(table.scriptTable()).supplementaryCharacters();
            List<TargetSchema.TargetColumn> narrow = target.tables().getOrDefault(table.targetTable(), List.of())
                    .stream().filter(TargetSchema.TargetColumn::lacksSupplementaryCharacters).toList();
            if (supplementary > 0 && !narrow.isEmpty()) {
                characters += supplementary;
                narrowTables.add(table.targetTable());
                narrow.forEach(c -> narrowCharsets.add(c.charset()));
            }
        }
        return narrowTables.isEmpty() ? Optional.empty() : Optional.of(PlanProblem.warning("supplementary-lost",
                characters, narrowTables.size(), firstNames(narrowTables), String.join(", ", narrowCharsets)));
    }

    private static Set<String> both(Set<String> some, Set<String> others) {
        return some.stream().filter(others::contains).collect(Collectors.toUnmodifiableSet());
    }

    /** The first five of a list of names, and "..." after them when there are more, for a message that gives how many. */
    private static String firstNames(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(5, names.size()))) + (names.size() > 5 ? "..." : "");
    }

    private static Optional<EphemeralTable> ephemeral(String table) {
        return PodMigrationRules.EPHEMERAL_TABLES.stream().filter(e -> e.table().equals(table)).findFirst();
    }

    /**
     * What an included ephemeral table's rows point at once imported: nothing, when v3 dropped their link column or
     * the table it names is not imported.
     */
    private static Optional<PlanProblem> unlinked(TablePlan table, EphemeralTable ephemeral, List<TablePlan> tables) {
        if (ephemeral.linkColumn().isEmpty()) {
            return Optional.empty();
        }
        if (table.droppedColumns().stream().anyMatch(c -> c.column().equalsIgnoreCase(ephemeral.linkColumn()))) {
            return Optional.of(PlanProblem.warning("ephemeral-link-dropped", table.scriptTable(), table.rows(),
                    ephemeral.linkColumn()));
        }
        boolean linkedImported = tables.stream()
                .anyMatch(t -> t.scriptTable().equals(ephemeral.linkedTable()) && t.imported());
        return linkedImported ? Optional.empty() : Optional.of(PlanProblem.warning("ephemeral-link-missing",
                table.scriptTable(), table.rows(), ephemeral.linkedTable()));
    }
}
