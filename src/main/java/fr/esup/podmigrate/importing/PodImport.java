package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.pod.DatabaseKind;
import fr.esup.podmigrate.pod.PodSchemas;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.sql.ImportOptions;
import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.sql.ImportResult;
import fr.esup.podmigrate.sql.Importer;
import fr.esup.podmigrate.sql.RefusedStatement;
import fr.esup.podmigrate.sql.ScriptAnalysis;
import fr.esup.podmigrate.sql.ScriptAnalyzer;
import fr.esup.podmigrate.sql.ScriptRefusedException;
import fr.esup.podmigrate.sql.SqlStatement;
import fr.esup.podmigrate.sql.StatementKind;
import fr.esup.podmigrate.sql.StatementReader;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
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
    private static final Set<String> V3_ONLY_TABLES = Stream.of(PodVersion.values()).filter(v -> !v.isV2())
            .flatMap(v -> PodSchemas.tables(v).stream()).filter(t -> !V2_TABLES.contains(t))
            .collect(Collectors.toUnmodifiableSet());

    private PodImport() {
    }

    /** Reads the script once; with a target, plans it against the target's tables. */
    public static PodImportAnalysis analyze(Path script, DatabaseEndpoint target, Consumer<ImportProgress> progress)
            throws IOException, SQLException {
        Set<String> allowedUse = homeDatabase(script);
        ScriptAnalysis analysis = target == null
                ? ScriptAnalyzer.analyze(script, allowedUse, progress)
                : ScriptAnalyzer.analyze(script, target.database(), allowedUse, progress);
        TargetSchema schema = null;
        List<TablePlan> tables = List.of();
        if (target != null) {
            try (Connection connection = target.connect()) {
                schema = TargetSchema.read(connection);
            }
            tables = PodImportPlanner.plan(facts(analysis), schema);
        }
        List<PlanProblem> problems = problems(analysis, schema, tables);
        return new PodImportAnalysis(script.getFileName().toString(), analysis, schema, tables, problems, allowedUse);
    }

    /**
     * Imports an analysed script. {@code settings} adds what the run needs (parallelism, error policy, checkpoint,
     * progress, cancel) to the plan's options.
     */
    public static ImportResult run(PodImportAnalysis analysis, Path script, DatabaseEndpoint target,
                                   UnaryOperator<ImportOptions.Builder> settings)
            throws ScriptRefusedException, IOException, SQLException {
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
        } catch (IOException e) {
            return Set.of();
        }
        return used.size() == 1 && !SYSTEM_SCHEMAS.contains(used.iterator().next().toLowerCase(Locale.ROOT)) ? used : Set.of();
    }

    static List<ScriptTableFacts> facts(ScriptAnalysis analysis) {
        List<ScriptTableFacts> facts = new ArrayList<>();
        for (ScriptAnalysis.TableAnalysis table : analysis.tables().values()) {
            List<String> columns = table.createTableColumns().isEmpty()
                    ? List.copyOf(table.insertColumns()) : table.createTableColumns();
            long statements = table.statements().values().stream().mapToLong(Long::longValue).sum();
            boolean replacesRows = table.dropTable() || (table.hasCreateTable() && !table.createTableIfNotExists());
            facts.add(new ScriptTableFacts(table.name(), statements, table.tuples(), columns, replacesRows,
                    table.positionalInserts(), table.positionalInsertsWithoutCreateTable()));
        }
        return facts;
    }

    /** {@code utf8} and its collations, as MariaDB 10.6 and later name them ({@code old_mode=UTF8_IS_UTF8MB3}). */
    static String utf8Alias(String charsetOrCollation) {
        return charsetOrCollation.equals("utf8") || charsetOrCollation.startsWith("utf8_")
                ? "utf8mb3" + charsetOrCollation.substring(4) : charsetOrCollation;
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

    private static List<PlanProblem> problems(ScriptAnalysis analysis, TargetSchema target, List<TablePlan> tables) {
        List<PlanProblem> problems = new ArrayList<>();
        if (analysis.formatError() != null) {
            problems.add(PlanProblem.blocking("format", analysis.formatError().line(), analysis.formatError().getMessage()));
        }
        for (RefusedStatement refused : analysis.refused()) {
            problems.add(PlanProblem.blocking("refused." + refused.reason().name(), refused.line(), refused.statementHead()));
        }
        if (analysis.refusedCount() > analysis.refused().size()) {
            problems.add(PlanProblem.blocking("refused-more", 0, analysis.refusedCount() - analysis.refused().size()));
        }
        if (analysis.formatError() == null) {
            scriptKind(analysis.tables().keySet())
                    .ifPresent(kind -> problems.add(PlanProblem.blocking("not-pod-v2." + kind.name(), 0)));
        }
        if (target == null) {
            problems.add(PlanProblem.warning("no-target"));
            return problems;
        }
        if (analysis.largestStatementBytes() > target.maxAllowedPacket()) {
            problems.add(PlanProblem.blocking("packet", analysis.largestStatementLine(), analysis.largestStatementBytes(),
                    target.maxAllowedPacket()));
        }
        // Only the session's charset matters to the import (table definitions are not run): an unknown one is said
        // here, and the server would refuse it at the script's first SET NAMES, before any row.
        analysis.charsets().stream().filter(c -> !target.charsets().contains(utf8Alias(c)))
                .forEach(c -> problems.add(PlanProblem.warning("charset", c)));
        analysis.collations().stream().filter(c -> !target.collations().contains(utf8Alias(c)))
                .forEach(c -> problems.add(PlanProblem.warning("collation", c)));
        List<String> holding = target.tablesWithRows().stream()
                .filter(t -> !t.equals(PodMigrationRules.MIGRATIONS_TABLE)).toList();
        if (!holding.isEmpty()) {
            problems.add(PlanProblem.warning("target-not-empty", holding.size(),
                    String.join(", ", holding.subList(0, Math.min(5, holding.size())))));
        }
        for (TablePlan table : tables) {
            ScriptAnalysis.TableAnalysis facts = analysis.tables().get(table.scriptTable());
            if (table.imported() && facts.positionalInsertsWithoutCreateTable() > 0) {
                problems.add(PlanProblem.blocking("positional-blind", 0, table.scriptTable(),
                        facts.positionalInsertsWithoutCreateTable()));
            }
            if (table.fate() == TablePlan.Fate.NO_V3_HOME && table.rows() > 0) {
                problems.add(PlanProblem.warning("no-v3-home", table.scriptTable(), table.rows(), table.note()));
            }
            if (table.fate() == TablePlan.Fate.MISSING_IN_V3 && table.rows() > 0) {
                problems.add(PlanProblem.warning("missing-table", table.scriptTable(), table.rows()));
            }
            table.droppedColumns().stream().filter(c -> c.why().isEmpty())
                    .forEach(c -> problems.add(PlanProblem.warning("unknown-column", table.scriptTable(), c.column())));
            table.unfilledColumns()
                    .forEach(c -> problems.add(PlanProblem.warning("unfilled", table.targetTable(), c)));
        }
        return problems;
    }
}
