package fr.esup.podmigrate.importing;

import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.backup.TargetGuard;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.dump.ScriptFile;
import fr.esup.podmigrate.dump.ScriptFiles;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobFailedException;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RefusedException;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.TypedConfirmation;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.load.ErrorPolicy;
import fr.esup.podmigrate.sql.load.ImportError;
import fr.esup.podmigrate.sql.ImportProgress;
import fr.esup.podmigrate.sql.load.ImportResult;
import fr.esup.podmigrate.sql.load.TargetLock;
import fr.esup.podmigrate.sql.load.TargetLockedException;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Step 5: the analysis of the run's podv2.sql (a background job: a script can be gigabytes) and its import into
 * the target, refused unless the analysis has no blocking problem and a verified backup holds the target as it is;
 * resumable from its checkpoint after a failure, a cancel or a crash.
 */
@Service
public class ImportService {

    private static final int LISTED_ERRORS = 20;

    private final Databases databases;
    private final ScriptFiles scriptFiles;
    private final Backups backups;
    private final JobRunner runner;
    private final RunStore runStore;
    private final Workspace workspace;
    private final AnalysisStore analyses;

    ImportService(Databases databases, ScriptFiles scriptFiles, Backups backups, JobRunner runner, RunStore runStore,
                  Workspace workspace) {
        this.databases = databases;
        this.scriptFiles = scriptFiles;
        this.backups = backups;
        this.runner = runner;
        this.runStore = runStore;
        this.workspace = workspace;
        this.analyses = new AnalysisStore(workspace);
    }

    Optional<ScriptFile> script() {
        return scriptFiles.selected();
    }

    /** The analysis of this very file (same name, size and time), if one ran. */
    public Optional<PodImportAnalysis> analysis(ScriptFile script) {
        return analyses.find(script);
    }

    Optional<Job> latestAnalysis() {
        return runner.latest(WizardStep.IMPORT, JobKind.ANALYSIS);
    }

    Optional<Job> latestImport() {
        return runner.latest(WizardStep.IMPORT);
    }

    /**
     * @param sourceDatabase in a script of several databases, the one whose section is imported; null or blank for
     *                       the Pod v2 one, found by its tables
     * @param includeEphemeral plan the caches and short-lived tables as imported, which it leaves out by default
     */
    Job analyze(String operator, String sourceDatabase, boolean includeEphemeral) {
        ScriptFile script = script().orElseThrow(() -> new RefusedException("import.refused.noScript"));
        DatabaseEndpoint target = databases.target();
        String source = sourceDatabase == null || sourceDatabase.isBlank() ? null : sourceDatabase.strip();
        runStore.audit(operator, "import: asked to analyse " + script.id() + (source == null ? "" : ", database " + source)
                + (includeEphemeral ? ", caches and short-lived tables included" : ""));
        return runner.analyse(WizardStep.IMPORT, operator, target, new Analysing(script.id(), source), context -> {
            PodImportAnalysis analysis = PodImport.analyze(script.path(), target, source, includeEphemeral,
                    progress -> report(context, progress));
            analyses.save(script, analysis);
            return analysis.blocked()
                    ? Message.of("import.message.analysedBlocked", script.name(), analysis.blocking().size())
                    : Message.of("import.message.analysedReady", script.name(), analysis.rows());
        });
    }

    /** Whether the target may be changed: the import changes it. */
    TargetGuard guard() throws SQLException {
        return backups.guard(databases.target());
    }

    Job start(String operator, String confirmation, boolean continueOnError) throws SQLException {
        DatabaseEndpoint target = databases.target();
        ScriptFile script = script().orElseThrow(() -> new RefusedException("import.refused.noScript"));
        PodImportAnalysis analysis = analysis(script).orElseThrow(() -> new RefusedException("import.refused.noAnalysis"));
        if (analysis.blocked()) {
            runStore.audit(operator, "import: refused, the analysis of " + script.id() + " has blocking problems");
            throw new RefusedException("import.refused.blocked");
        }
        TypedConfirmation.require(target.database(), confirmation, runStore, operator, "import");
        TargetLock lock = lock(operator, target);
        try {
            TargetGuard guard = guard();
            if (!guard.allowsImport()) {
                runStore.audit(operator, "import: refused, no verified backup of the target as it is ("
                        + guard.check().verdict() + ")");
                throw new RefusedException("import.refused.backup");
            }
            Path checkpoint = checkpoint(target);
            runStore.audit(operator, "import: start " + script.id() + " into " + target.lockKey() + ", "
                    + (guard.check().matches() ? "backup before: " + guard.check().backup().name()
                    : guard.empty() ? "target without tables" : "target wiped"));
            return runImport(operator, target, script, analysis, null, false, checkpoint, false, continueOnError, lock);
        } catch (RuntimeException | SQLException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Takes the target's lock for an import about to start, so that its refusal shows on the page: another import
     * (a command line's, another console's) runs into the target.
     */
    private TargetLock lock(String operator, DatabaseEndpoint target) throws SQLException {
        try {
            return TargetLock.acquire(target::connect, "console import by " + operator);
        } catch (TargetLockedException e) {
            runStore.audit(operator, "import: refused, " + e.getMessage());
            throw new RefusedException("import.refused.locked", e.database(), e.holder(), e.heldFor());
        }
    }

    /**
     * Continues the latest import that did not finish, from its checkpoint, with the same podv2.sql. When the console
     * restarted since, the job analyses the script again first, as the import did: the same plan for the same script
     * and target, hence the same statements, which the checkpoint counts. With {@code continueOnError}, a run that
     * stopped at a failing statement goes on past it, listing it, whatever the interrupted run's error policy.
     */
    Job resume(String operator, boolean continueOnError) throws SQLException {
        DatabaseEndpoint target = databases.target();
        Job last = latestImport().filter(job -> resumable(job))
                .orElseThrow(() -> new RefusedException("import.refused.nothingToResume"));
        Imported how = last.result(Imported.class).orElseThrow();
        ScriptFile script = scriptFiles.find(how.script())
                .orElseThrow(() -> new RefusedException("import.refused.scriptGone", how.script()));
        TargetLock lock = lock(operator, target);
        try {
            runStore.audit(operator, "import: resume " + script.id() + " from its checkpoint (job " + last.id() + ")");
            return runImport(operator, target, script, analysis(script).orElse(null), how.sourceDatabase(),
                    how.ephemeralIncluded(), checkpoint(target), true, continueOnError || how.continueOnError(), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** An import that stopped before its end and left a checkpoint to go on from. */
    boolean resumable(Job job) {
        return job.step() == WizardStep.IMPORT && job.result(Imported.class).isPresent()
                && job.status() != JobStatus.SUCCEEDED && job.status().finished()
                && Files.exists(checkpoint(databases.target()));
    }

    /**
     * @param known          the script's analysis, or null to analyse it first, from {@code sourceDatabase}'s section
     * @param sourceDatabase the database an earlier analysis imported, when {@code known} is null
     * @param includeEphemeral whether that earlier analysis included the caches and short-lived tables
     * @param lock           the target's lock, which the job releases when it ends
     */
    private Job runImport(String operator, DatabaseEndpoint target, ScriptFile script, PodImportAnalysis known,
                          String sourceDatabase, boolean includeEphemeral, Path checkpoint, boolean resume,
                          boolean continueOnError,
                          TargetLock lock) {
        return runner.start(WizardStep.IMPORT, operator, target, context -> {
            try (lock) {
                context.result(Imported.starting(script.id(), sourceDatabase, continueOnError, includeEphemeral));
                PodImportAnalysis analysis = known != null ? known
                        : analyseAgain(script, target, sourceDatabase, includeEphemeral, context);
                Imported how = Imported.starting(script.id(), analysis.script().sourceDatabase(), continueOnError,
                        analysis.ephemeralIncluded());
                context.result(how);
                ImportResult result = PodImport.run(analysis, script.path(), target, options -> options
                        .parallelism(PodImport.CONNECTIONS)
                        .errorPolicy(continueOnError ? ErrorPolicy.CONTINUE : ErrorPolicy.STOP_AT_FIRST)
                        .checkpointFile(checkpoint)
                        .decompressInto(workspace.runs())
                        .resume(resume)
                        .progress(progress -> report(context, progress))
                        .cancelled(context::cancelled)
                        .targetLock(lock));
                context.result(imported(how, analysis, result));
                if (!result.countMismatches().isEmpty()) {
                    throw new JobFailedException("import.message.countMismatch",
                            String.join(", ", result.countMismatches()));
                }
                if (result.cancelled()) {
                    return Message.of("import.message.cancelled");
                }
                if (!result.completed()) {
                    ImportError first = result.errors().get(0);
                    throw new JobFailedException("import.message.stopped", first.line(), first.table(), first.message());
                }
                return Message.of("import.message.imported", result.insertedRows(), result.tables().size(),
                        result.errors().size());
            }
        });
    }

    private PodImportAnalysis analyseAgain(ScriptFile script, DatabaseEndpoint target, String sourceDatabase,
                                           boolean includeEphemeral, JobContext context) throws IOException, SQLException {
        PodImportAnalysis analysis = PodImport.analyze(script.path(), target, sourceDatabase, includeEphemeral,
                progress -> report(context, progress));
        if (analysis.blocked()) {
            throw new JobFailedException("import.message.analysedAgainBlocked", script.name(), analysis.blocking().size());
        }
        analyses.save(script, analysis);
        return analysis;
    }

    /** What the import did, recorded over how it ran. */
    private static Imported imported(Imported how, PodImportAnalysis analysis, ImportResult result) {
        Map<String, Long> scriptRows = new TreeMap<>();
        Map<String, Long> skippedRows = new TreeMap<>();
        for (TablePlan table : analysis.tables()) {
            scriptRows.put(table.scriptTable(), table.rows());
            if (!table.imported()) {
                skippedRows.put(table.scriptTable(), table.rows());
            }
        }
        Map<String, Imported.TableRows> tables = new TreeMap<>();
        List<RowIssue> issues = new ArrayList<>();
        result.tables().forEach((table, counts) -> {
            tables.put(table, new Imported.TableRows(counts.insertedRows(), counts.ignoredRows(), counts.rowsBefore(),
                    counts.rowsExpected(), counts.rowsAfter()));
            counts.issues().forEach(issue -> issues.add(RowIssue.of(table, issue)));
        });
        List<StatementError> errors = result.errors().stream().limit(LISTED_ERRORS).map(StatementError::of).toList();
        return new Imported(how.script(), how.sourceDatabase(), how.continueOnError(), how.ephemeralIncluded(),
                scriptRows, skippedRows, tables, issues, errors);
    }

    private static void report(JobContext context, ImportProgress progress) {
        context.progress(JobProgress.of(progress));
    }

    private Path checkpoint(DatabaseEndpoint target) {
        return workspace.runs().resolve("import-" + target.lockKey().replaceAll("[^A-Za-z0-9._-]", "_") + ".checkpoint");
    }
}
