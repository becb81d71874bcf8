package fr.esup.podmigrate.rehearsal;

import fr.esup.podmigrate.backup.Backups;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.PodMigrateProperties;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.dump.ScriptFile;
import fr.esup.podmigrate.dump.ScriptFiles;
import fr.esup.podmigrate.checklist.ChecklistStore;
import fr.esup.podmigrate.importing.AnalysisStore;
import fr.esup.podmigrate.importing.Imported;
import fr.esup.podmigrate.importing.PodImportAnalysis;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobFailedException;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RefusedException;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.TypedConfirmation;
import fr.esup.podmigrate.run.WizardStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The console's rehearsal: one at a time, in the background, on the scratch copy of the target with the run's
 * podv2.sql and the operator's choices as the wizard holds them; its state and its recipe written to the workspace; the scratch database dropped on request; and the replay of the
 * recipe on the target, a job of the import step like any other import.
 */
@Service
class RehearsalService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RehearsalService.class);

    private final Databases databases;
    private final Optional<DatabaseEndpoint> rehearsalServer;
    private final Backups backups;
    private final Workspace workspace;
    private final ScriptFiles scriptFiles;
    private final ChecklistStore checklist;
    private final JobRunner runner;
    private final JobStore jobs;
    private final RunStore runStore;
    private final AnalysisStore analyses;
    private final RehearsalStore store;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "pod-migrate-rehearsal");
        thread.setDaemon(true);
        return thread;
    });
    private volatile RehearsalRun latest;

    RehearsalService(Databases databases, PodMigrateProperties properties, Backups backups, Workspace workspace,
                     ScriptFiles scriptFiles, ChecklistStore checklist, JobRunner runner, JobStore jobs,
                     RunStore runStore) {
        this.databases = databases;
        PodMigrateProperties.Database server = properties.rehearsal();
        this.rehearsalServer = server.configured() ? Optional.of(new DatabaseEndpoint(server.url(), server.username(),
                server.password(), "podmigrate.rehearsal.url")) : Optional.empty();
        this.backups = backups;
        this.workspace = workspace;
        this.scriptFiles = scriptFiles;
        this.checklist = checklist;
        this.runner = runner;
        this.jobs = jobs;
        this.runStore = runStore;
        this.analyses = new AnalysisStore(workspace);
        this.store = new RehearsalStore(workspace);
        this.latest = store.load().orElse(null);
    }

    ScratchCopy scratch() {
        return ScratchCopy.of(databases.target(), rehearsalServer);
    }

    boolean scratchExists() throws SQLException {
        return scratch().exists();
    }

    DatabaseEndpoint target() {
        return databases.target();
    }

    Optional<ScriptFile> script() {
        return scriptFiles.selected();
    }

    /** The newest rehearsal, running or ended, read back from the workspace after a restart. */
    Optional<RehearsalRun> latest() {
        return Optional.ofNullable(latest);
    }

    Path recipeFile() {
        return workspace.exports().resolve(Recipe.FILE);
    }

    /** The newest rehearsal's recipe, when one was written and still reads as one. */
    Optional<Recipe> recipe() {
        if (!Files.isRegularFile(recipeFile())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Recipe.read(recipeFile()));
        } catch (Refused e) {
            return Optional.empty();
        }
    }

    /** The newest replay started from this page: an import step's job. */
    Optional<Job> latestReplay() {
        return runner.latest(WizardStep.IMPORT).filter(job -> job.result(Replayed.class).isPresent());
    }

    /** The report the newest replay wrote, when it ended with one and the file is still in the workspace. */
    Optional<Path> replayReport() {
        return latestReplay().flatMap(job -> job.result(Replayed.class)).map(Replayed::report)
                .map(report -> workspace.root().resolve(report).normalize())
                .filter(file -> file.startsWith(workspace.root().normalize()) && Files.isRegularFile(file));
    }

    /**
     * The choices a rehearsal of {@code script} makes now: podv2.sql's generation options when the console generated
     * it, the section and error policy of the latest analysis and import, site 1 as the target names it, the
     * checklist's ticks; the site fixes and broadcasters the steps recommend when it runs (the wizard keeps no record
     * of those applied).
     */
    RehearsalChoices choices(ScriptFile script) throws SQLException {
        Recipe defaults = rehearsal().defaultRecipe(script.path(), workspace, jobs,
                List.copyOf(checklist.ticks().keySet()));
        Set<String> byDefault = new TreeSet<>(Set.of(RehearsalChoices.SITE_FIXES, RehearsalChoices.BROADCASTERS));
        Optional<Imported> imported = runner.latest(WizardStep.IMPORT).flatMap(job -> job.result(Imported.class));
        Optional<PodImportAnalysis> analysis = analyses.find(script);
        String section = null;
        boolean ephemeral = false;
        if (analysis.isPresent()) {
            section = analysis.get().script().sourceDatabase();
            ephemeral = analysis.get().ephemeralIncluded();
        } else if (imported.filter(i -> i.script().equals(script.id())).isPresent()) {
            section = imported.get().sourceDatabase();
            ephemeral = imported.get().ephemeralIncluded();
        } else {
            byDefault.add(RehearsalChoices.SECTION);
        }
        if (imported.isEmpty()) {
            byDefault.add(RehearsalChoices.ERROR_POLICY);
        }
        if (defaults.site() == null) {
            byDefault.add(RehearsalChoices.SITE);
        }
        return new RehearsalChoices(defaults.withImport(section, ephemeral,
                imported.filter(Imported::continueOnError).isPresent()), byDefault);
    }

    /** Starts a rehearsal with the run's podv2.sql, unless one is running. */
    synchronized RehearsalRun start(String operator) {
        if (latest != null && latest.running()) {
            throw new RefusedException("rehearsal.refused.running", latest.id());
        }
        ScriptFile script = script().orElseThrow(() -> new RefusedException("rehearsal.refused.noScript"));
        RehearsalRun run = new RehearsalRun("rehearsal-" + UUID.randomUUID().toString().substring(0, 8), operator,
                store::save);
        latest = run;
        runStore.audit(operator, "rehearsal: started " + run.id() + " with " + script.id() + " on " + scratch().name());
        executor.submit(() -> rehearse(run, script));
        return run;
    }

    private Rehearsal rehearsal() {
        return new Rehearsal(databases.target(), databases.source(), rehearsalServer, backups, workspace.runs());
    }

    private void rehearse(RehearsalRun run, ScriptFile script) {
        Rehearsal rehearsal = rehearsal();
        try {
            Outcome outcome = rehearsal.run(script.path(), choices(script).recipe(), true,
                    new UnattendedContext(run.id()), run);
            if (outcome.failedStep() == null) {
                outcome.recipe().write(recipeFile());
            }
            run.finished(outcome);
            runStore.audit(run.operator(), "rehearsal: " + run.id() + " ended " + run.status().key());
        } catch (Refused e) {
            run.refused(e.getMessage());
        } catch (Exception | Error e) {
            log.warn("Rehearsal {} failed: {}", run.id(), e.getMessage(), e);
            run.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** Drops the scratch database once the operator has typed its name. */
    synchronized void drop(String operator, String confirmation) throws SQLException {
        ScratchCopy scratch = scratch();
        TypedConfirmation.require(scratch.name(), confirmation, runStore, operator,
                "rehearsal: drop the scratch database");
        if (latest != null && latest.running()) {
            throw new RefusedException("rehearsal.refused.running", latest.id());
        }
        scratch.drop();
        runStore.audit(operator, "rehearsal: dropped the scratch database " + scratch.name());
    }

    /** Starts the replay of the newest recipe on the target, with the run's podv2.sql, once the target's name is typed. */
    Job startReplay(String operator, String confirmation) {
        DatabaseEndpoint target = databases.target();
        TypedConfirmation.require(target.database(), confirmation, runStore, operator, "replay");
        Recipe recipe = recipe().orElseThrow(() -> new RefusedException("rehearsal.refused.noRecipe"));
        ScriptFile script = script().orElseThrow(() -> new RefusedException("rehearsal.refused.noScript"));
        runStore.audit(operator, "replay: asked to replay " + recipeFile().getFileName() + " with " + script.id()
                + " on " + target.lockKey());
        return runner.start(WizardStep.IMPORT, operator, target, context -> {
            StepResults steps = new StepResults(context, Replayed.starting(script.id()));
            Replay replay = new Replay(target, databases.source(), backups, workspace.exports(), workspace.runs());
            Outcome outcome;
            try {
                outcome = replay.run(recipe, script.path(), operator, context, steps);
            } catch (Refused e) {
                throw new JobFailedException("rehearsal.replay.refused", e.getMessage());
            }
            Path report = replay.report(outcome, operator);
            steps.reported(workspace.root().relativize(report).toString());
            runStore.audit(operator, "replay: ended " + (outcome.complete() ? "complete" : "not complete")
                    + (replay.backup() == null ? "" : ", backup before: " + replay.backup().name()));
            if (outcome.failedStep() != null) {
                throw new JobFailedException("rehearsal.replay.failed", outcome.failedStep(), outcome.failure(),
                        replay.backup() == null ? "-" : replay.backup().name(),
                        replay.backup() == null ? "-" : replay.restoreCommand());
            }
            return Message.of(outcome.complete() ? "rehearsal.replay.complete" : "rehearsal.replay.notComplete",
                    report.getFileName().toString());
        });
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** A replay's steps as its job's result: the step running, then each step's seconds. */
    private static final class StepResults implements StepLog {

        private final JobContext context;
        private Replayed replayed;

        StepResults(JobContext context, Replayed replayed) {
            this.context = context;
            record(replayed);
        }

        @Override
        public void started(String step) {
            record(replayed.running(step));
        }

        @Override
        public void ended(String step, Duration took, String outcome, List<Message> warnings) {
            record(replayed.ended(step, took.toSeconds(), warnings));
        }

        void reported(String report) {
            record(replayed.reported(report));
        }

        private void record(Replayed next) {
            replayed = next;
            context.result(next);
        }
    }
}
