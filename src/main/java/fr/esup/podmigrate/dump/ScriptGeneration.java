package fr.esup.podmigrate.dump;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.run.Message;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.sql.dump.DumpProgress;
import fr.esup.podmigrate.sql.dump.DumpResult;
import fr.esup.podmigrate.sql.dump.DumpWriter;
import org.springframework.stereotype.Service;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Generates podv2.sql from the v2 source database in a background job, which holds the target database's
 * lock like every job of the run; the file it writes becomes the run's podv2.sql.
 *
 * <p>The job's results: {@code file} (the script's id), {@code rows.<table>} for each table written, and while
 * it runs {@code tables.done} and {@code tables.total}.
 */
@Service
public class ScriptGeneration {

    private final Databases databases;
    private final JobRunner runner;
    private final ScriptFiles scriptFiles;
    private final RunStore runStore;

    public ScriptGeneration(Databases databases, JobRunner runner, ScriptFiles scriptFiles, RunStore runStore) {
        this.databases = databases;
        this.runner = runner;
        this.scriptFiles = scriptFiles;
        this.runStore = runStore;
    }

    /**
     * Starts the generation.
     *
     * @throws IllegalStateException when no source database is configured
     * @throws fr.esup.podmigrate.run.JobAlreadyRunningException when another job holds the target database
     */
    public Job start(Podv2ScriptOptions options, String operator) {
        DatabaseEndpoint source = databases.source()
                .orElseThrow(() -> new IllegalStateException("No source database is configured"));
        Job job = runner.start(WizardStep.DUMP, operator, databases.target(),
                context -> generate(source, options, operator, context));
        runStore.audit(operator, "dump: job " + job.id() + " generates podv2.sql from " + source + " with " + options);
        return job;
    }

    /** The latest generation: live while it runs, as persisted once it has ended. */
    public Optional<Job> latest() {
        return runner.latest(WizardStep.DUMP);
    }

    /** The file a generation wrote, while the workspace still holds it. */
    public Optional<ScriptFile> written(Job job) {
        return job.result(Generated.class).flatMap(generated -> scriptFiles.find(generated.file()));
    }

    private Message generate(DatabaseEndpoint source, Podv2ScriptOptions options, String operator, JobContext context)
            throws Exception {
        Path file = scriptFiles.newExport(options.gzip());
        DumpResult result = new DumpWriter(options.toDumpOptions().parallelism(Podv2ScriptOptions.connections(source))
                .progress(new Progress(context)).cancelled(context::cancelled).build())
                .write(source::connect, file);
        ScriptFile written = scriptFiles.generated(file);
        scriptFiles.select(written);
        runStore.record(WizardStep.DUMP, StepStatus.DONE, operator, "chose podv2.sql " + written.id());
        Map<String, Long> rows = new LinkedHashMap<>();
        for (DumpResult.TableResult table : result.tables()) {
            rows.put(table.outputName(), table.rows());
        }
        context.result(new Generated(written.id(), rows, options));
        return Message.of("dump.message.done", written.id(), result.tables().size(), result.rowsWritten());
    }

    /** The dump writer's progress as the job's: bytes written, rows, INSERT statements and tables. */
    private static final class Progress implements Consumer<DumpProgress> {

        private final JobContext context;
        private long rows;
        private long statements;

        Progress(JobContext context) {
            this.context = context;
        }

        @Override
        public void accept(DumpProgress progress) {
            // The writer reports after each INSERT statement, and otherwise only when a table starts or the dump ends.
            if (progress.rowsWritten() > rows) {
                rows = progress.rowsWritten();
                statements++;
            }
            context.progress(new JobProgress(progress.bytesWritten(), 0, progress.rowsWritten(), statements)
                    .withTables(progress.tablesDone(), progress.tablesTotal()));
        }
    }
}
