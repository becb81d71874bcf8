package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.checklist.Broadcasters;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.importing.PlanProblem;
import fr.esup.podmigrate.importing.PodImport;
import fr.esup.podmigrate.importing.PodImportAnalysis;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.v2.V2Side;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.sitefix.FixOutcome;
import fr.esup.podmigrate.sitefix.SiteFixes;
import fr.esup.podmigrate.sql.load.ErrorPolicy;
import fr.esup.podmigrate.sql.load.ImportError;
import fr.esup.podmigrate.sql.load.ImportResult;
import fr.esup.podmigrate.sql.load.TargetLock;
import fr.esup.podmigrate.verify.StandaloneVerification;
import fr.esup.podmigrate.verify.Verification;
import fr.esup.podmigrate.wipe.WipePlan;
import fr.esup.podmigrate.wipe.WipeService;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The wizard's steps after the backup, run on one database (a rehearsal's scratch copy, or the target at a replay)
 * through the steps' own code, with the recipe's choices, each step timed. Progress goes to the job's context, and
 * each step's start and end to its {@link StepLog}.
 */
final class MigrationSteps {

    /** The rehearsal's own step, which a replay does not have: the scratch copy made. */
    static final String COPY = "copy";
    static final String BACKUP = "backup";
    static final String PODV2 = "podv2";
    static final String WIPE = "wipe";
    static final String IMPORT = "import";
    static final String SITE_FIXES = "site-fixes";
    static final String BROADCASTERS = "broadcasters";
    static final String VERIFY = "verify";

    /** A step of the migration failed: which, and why. */
    static final class StepFailed extends Exception {
        private final String step;

        StepFailed(String step, String message, Throwable cause) {
            super(message, cause);
            this.step = step;
        }

        String step() {
            return step;
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run() throws Exception;
    }

    private final DatabaseEndpoint database;
    private final Optional<DatabaseEndpoint> source;
    private final JobContext context;
    private final StepLog log;
    private final Map<String, Long> millis = new LinkedHashMap<>();
    private final List<Message> warnings = new ArrayList<>();

    MigrationSteps(DatabaseEndpoint database, Optional<DatabaseEndpoint> source, JobContext context, StepLog log) {
        this.database = database;
        this.source = source;
        this.context = context;
        this.log = log;
    }

    /** Each step's duration in milliseconds, in the order they ran. */
    Map<String, Long> millis() {
        return new LinkedHashMap<>(millis);
    }

    /** What the steps that ended warned of, in the order they ran. */
    List<Message> warnings() {
        return List.copyOf(warnings);
    }

    /** Refuses a script whose analysis against {@code target}, only read, has blocking problems. */
    static void checkAnalysis(Path script, DatabaseEndpoint target, Recipe recipe) throws Refused, Exception {
        PodImportAnalysis analysis = PodImport.analyze(script, target, recipe.sourceDatabase(),
                recipe.includeEphemeral(), p -> { });
        if (analysis.blocked()) {
            throw new Refused("The analysis of " + script.getFileName() + " has " + analysis.blocking().size()
                    + " blocking problem(s): run analyze " + script + " for them");
        }
    }

    /** Runs one step, timed; its failure names it. */
    <T> T step(String name, Work<T> work, Function<T, String> outcome) throws StepFailed {
        return step(name, work, outcome, result -> List.of());
    }

    /** Runs one step that may warn, timed; its failure names it. */
    private <T> T step(String name, Work<T> work, Function<T, String> outcome, Function<T, List<Message>> warned)
            throws StepFailed {
        log.started(name);
        context.progress(JobProgress.NONE); // no step shows the progress of the one before
        long started = System.nanoTime();
        T result;
        try {
            result = work.run();
        } catch (StepFailed e) {
            throw e;
        } catch (Exception e) {
            throw new StepFailed(name, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        millis.put(name, took.toMillis());
        List<Message> stepWarnings = warned.apply(result);
        warnings.addAll(stepWarnings);
        log.ended(name, took, outcome.apply(result), stepWarnings);
        return result;
    }

    /**
     * Empties every table but {@code django_migrations}, as the wipe step does.
     *
     * @param overBackup only when a verified backup holds the database as it is: the target's wipe, not the scratch's
     */
    void wipe(Backups backups, boolean overBackup) throws StepFailed {
        step(WIPE, () -> {
            WipePlan plan = WipeService.plan(database, backups);
            if (plan.kept() == null) {
                throw new IllegalStateException(database.database() + " has no django_migrations: it is not a Pod v3");
            }
            if (overBackup && !plan.check().matches()) {
                throw new IllegalStateException("no verified backup holds " + database.database() + " as it is ("
                        + plan.check().verdict().key() + "): nothing was emptied");
            }
            return WipeService.wipe(database, plan, context);
        }, Message::english);
    }

    /**
     * The analysis, then the import of the podv2.sql with the recipe's choices; fails on any error or wrong count.
     *
     * @param copies the workspace's folder where a compressed script is decompressed for its import
     */
    ImportResult importScript(Path script, Recipe recipe, TargetLock lock, Path copies) throws StepFailed {
        return step(IMPORT, () -> {
            PodImportAnalysis analysis = PodImport.analyze(script, database, recipe.sourceDatabase(),
                    recipe.includeEphemeral(), p -> context.progress(JobProgress.of(p)));
            if (analysis.blocked()) {
                throw new IllegalStateException("the analysis of " + script.getFileName() + " has "
                        + analysis.blocking().size() + " blocking problem(s)");
            }
            ImportResult result = PodImport.run(analysis, script, database, options -> options
                    .parallelism(PodImport.CONNECTIONS)
                    .errorPolicy(recipe.policy())
                    .progress(p -> context.progress(JobProgress.of(p)))
                    .cancelled(context::cancelled)
                    .decompressInto(copies)
                    .targetLock(lock));
            if (!result.countMismatches().isEmpty()) {
                throw new IllegalStateException("the rows counted after the import are not what it did in "
                        + String.join(", ", result.countMismatches()));
            }
            if (result.cancelled()) {
                throw new IllegalStateException("cancelled");
            }
            if (!result.completed() || (recipe.policy() == ErrorPolicy.STOP_AT_FIRST
                    && !result.errors().isEmpty())) {
                ImportError first = result.errors().get(0);
                throw new IllegalStateException("stopped at line " + first.line() + " (" + first.table() + "): "
                        + first.message());
            }
            return new ImportStep(result, analysis.warnings());
        }, ImportStep::outcome, ImportStep::warnings).result();
    }

    /** What the import step did, and what its analysis warned of: an unattended run says both. */
    private record ImportStep(ImportResult result, List<PlanProblem> problems) {

        String outcome() {
            return result.insertedRows() + " rows inserted into " + result.tables().size() + " tables, "
                    + result.errors().size() + " error(s)";
        }

        List<Message> warnings() {
            return problems.stream().map(p -> Message.of(p.messageKey(), p.args().toArray())).toList();
        }
    }

    /**
     * Site 1's domain and name, then the site fixes: the recipe's, or, when {@code choose} is set, those the step
     * recommends now. Returns the keys applied.
     */
    List<String> siteFixes(V2Side v2, Recipe recipe, boolean choose) throws StepFailed {
        return step(SITE_FIXES, () -> {
            List<String> keys = choose ? SiteFixes.recommended(database, v2) : recipe.siteFixes();
            List<FixOutcome> outcomes = SiteFixes.apply(database, v2, recipe.site() == null ? null
                    : recipe.site().form(), keys);
            return outcomes.stream().map(FixOutcome::key).toList();
        }, keys -> keys.isEmpty() ? "no fix" : String.join(", ", keys));
    }

    /** Inserts the v2 rows v3 lacks of the recipe's re-created tables, or, with {@code choose}, of every insertable one. */
    Map<String, Integer> broadcasters(V2Side v2, Recipe recipe, boolean choose) throws StepFailed {
        return step(BROADCASTERS, () -> {
            List<String> tables = choose ? Broadcasters.insertable(database, v2) : recipe.broadcasters();
            Map<String, Integer> inserted = new LinkedHashMap<>();
            for (String table : tables) {
                inserted.put(table, Broadcasters.insertMissing(database, v2, table));
            }
            return inserted;
        }, inserted -> inserted.isEmpty() ? "none" : inserted.entrySet().stream()
                .map(table -> table.getKey() + ": " + table.getValue() + " row(s) inserted")
                .collect(Collectors.joining(", ")));
    }

    /**
     * The verification of the database against v2: the source database, else the podv2.sql.
     *
     * @param copies where a compressed podv2.sql is decompressed to be loaded into the scratch database
     */
    Verification verify(Path script, Recipe recipe, Path copies) throws StepFailed {
        return step(VERIFY, () -> StandaloneVerification.run(database, source, script, recipe.sourceDatabase(), copies,
                        d -> { }),
                verification -> verification.complete() ? "complete" : "not complete");
    }

    /** The v2 side of the steps after the import: the source database, else the podv2.sql, decoded on this database. */
    V2Side v2(Path script, Recipe recipe) {
        return V2Side.of(new Databases(database, source, false), script, recipe.sourceDatabase());
    }
}
