package fr.esup.podmigrate.verify;

import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobContext;
import fr.esup.podmigrate.job.JobFailedException;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobRunner;
import fr.esup.podmigrate.job.SucceededJobs;
import fr.esup.podmigrate.importing.Imported;
import fr.esup.podmigrate.pod.DjangoModels;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.v2.TableQueries;
import fr.esup.podmigrate.v2.V2Origin;
import fr.esup.podmigrate.v3.ContentTypeCheck;
import fr.esup.podmigrate.v3.ForeignKeyOrphans;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Counts the rows of every table on both sides (v2 from the source database, else from the import's analysis of the
 * podv2.sql), compares v2's rows with v3's (the source database, else the podv2.sql loaded into a scratch database),
 * and finds the v3 rows whose foreign keys point nowhere: a job whose results keep what it found. The step is done
 * when the verification is complete, failed otherwise.
 */
@Service
class VerificationService {

    static final int ORPHAN_EXAMPLES = 5;

    private final Databases databases;
    private final SucceededJobs jobs;
    private final JobRunner runner;
    private final Workspace workspace;

    VerificationService(Databases databases, SucceededJobs jobs, JobRunner runner, Workspace workspace) {
        this.databases = databases;
        this.jobs = jobs;
        this.runner = runner;
        this.workspace = workspace;
    }

    /** The latest verification job, running or ended. */
    Optional<Job> latestJob() {
        return runner.latest(WizardStep.VERIFY);
    }

    /** The newest verification that ran to its end. */
    /**
     * The target's models without a content type, read now: Django's post_migrate creates them once the finish
     * step's migrate runs on the Pod server.
     */
    List<DjangoModels.Model> modelsWithoutContentType() throws SQLException {
        try (Connection target = databases.target().connect()) {
            return ContentTypeCheck.modelsWithoutContentType(target);
        }
    }

    Optional<Verification> latest() {
        return jobs.newest(WizardStep.VERIFY)
                .flatMap(job -> job.result(Verified.class).map(verified -> verified.verification(job, runner::find)));
    }

    /** The CSV of every row difference the newest verification found, when it compared rows and the file is there. */
    Optional<Path> differences() {
        return jobs.newest(WizardStep.VERIFY).flatMap(job -> job.result(Verified.class)).map(Verified::contentCsv)
                .map(csv -> workspace.root().resolve(csv)).filter(Files::isRegularFile);
    }

    Job start(String operator) {
        return runner.start(WizardStep.VERIFY, operator, databases.target(), context -> {
            Verification verification = verify(context);
            if (!verification.complete()) {
                context.stepStatusOnSuccess(StepStatus.FAILED);
            }
            return verification.summary();
        });
    }

    /** Counts, compares the rows, checks the keys and records in {@code context} what it found. */
    Verification verify(JobContext context) throws SQLException, IOException {
        Job imported = jobs.newest(WizardStep.IMPORT).orElse(null);
        Job backup = jobs.newest(WizardStep.BACKUP).orElse(null);
        Optional<DatabaseEndpoint> source = databases.source();
        try (Connection target = databases.target().connect()) {
            JdbcClient targetDb = TableQueries.on(target);
            List<String> v3Tables = List.copyOf(TableQueries.tables(targetDb));
            Counter counter = new Counter(context);
            Map<String, Long> v2 = null;
            V2Origin origin = null;
            if (source.isPresent()) {
                try (Connection connection = source.get().connect()) {
                    JdbcClient sourceDb = TableQueries.on(connection);
                    List<String> v2Tables = List.copyOf(TableQueries.tables(sourceDb));
                    counter.expect(v2Tables.size() + v3Tables.size());
                    v2 = counter.count(sourceDb, v2Tables);
                }
                origin = new V2Origin(V2Origin.Kind.SOURCE, source.get().toString());
            } else {
                counter.expect(v3Tables.size());
                Imported script = imported == null ? null : imported.result(Imported.class).orElse(null);
                if (script != null) {
                    v2 = script.scriptRows();
                    origin = new V2Origin(V2Origin.Kind.SCRIPT, script.script());
                }
            }
            Map<String, Long> v3 = counter.count(targetDb, v3Tables);
            ForeignKeyOrphans.Check orphans = ForeignKeyOrphans.find(targetDb, table -> true, ORPHAN_EXAMPLES);
            ContentReport content = null;
            String csv = null;
            String unavailable = null;
            if (origin != null) {
                try (V2Rows rows = v2Rows(source, imported, context)) {
                    if (rows.unavailable() != null) {
                        unavailable = rows.unavailable();
                    } else {
                        csv = workspace.root().relativize(workspace.runs().resolve(context.jobId() + "-differences.csv"))
                                .toString();
                        content = compare(rows.connection(), target, imported, workspace.root().resolve(csv),
                                context);
                        orphans = V2Orphans.counted(orphans, rows.connection(), v3Tables);
                    }
                }
            }
            context.result(new Verified(databases.target().toString(), origin, v2, v3,
                    imported == null ? null : imported.id(), backup == null ? null : backup.id(), orphans, content, csv,
                    unavailable));
            return new Verification(Instant.now(), databases.target().toString(), origin, imported, backup,
                    RowCounts.compare(v2, v3, imported == null ? null : ImportCounts.of(imported)), orphans, content,
                    unavailable);
        }
    }

    private static ContentReport compare(Connection v2, Connection target, Job imported, Path csv, JobContext context)
            throws SQLException, IOException {
        try (DifferencesCsv all = new DifferencesCsv(csv)) {
            return new ContentComparison(v2, target, ImportIssues.of(imported), all, context::cancelled)
                    .compare((done, total, rows) -> context.progress(
                            new JobProgress(0, 0, rows, done).withTables(done, total)));
        }
    }

    /**
     * v2's rows: the source database, else the imported podv2.sql loaded into a scratch database on the target's
     * server (dropped when closed). Unavailable, with the reason, when neither can be read.
     */
    private V2Rows v2Rows(Optional<DatabaseEndpoint> source, Job imported, JobContext context)
            throws SQLException, IOException {
        if (source.isPresent()) {
            return new V2Rows(source.get().connect(), null, null);
        }
        Imported how = imported.result(Imported.class).orElseThrow();
        Path script = workspace.root().resolve(how.script()).normalize();
        if (!script.startsWith(workspace.root()) || !Files.isRegularFile(script)) {
            return new V2Rows(null, null, "The imported podv2.sql " + how.script()
                    + " is no longer in the workspace: only the row counts are compared");
        }
        try {
            ScratchV2 scratch = ScratchV2.load(databases.target(), script, how.sourceDatabase(), workspace.runs(),
                    context::cancelled);
            return new V2Rows(scratch.connect(), scratch, null);
        } catch (ScratchV2.Unavailable e) {
            return new V2Rows(null, null, e.getMessage() + ": only the row counts are compared");
        }
    }

    /** An open connection to v2's rows and the scratch database it reads, if any, or why there is none. */
    private record V2Rows(Connection connection, ScratchV2 scratch, String unavailable) implements AutoCloseable {

        @Override
        public void close() throws SQLException {
            try (ScratchV2 dropped = scratch; Connection closed = connection) {
                // closes the connection, then drops the scratch database
            }
        }
    }

    /** Counts table after table, telling the job how many tables and rows it has counted. */
    private static final class Counter {
        private final JobContext context;
        private int tablesDone;
        private int tablesTotal;
        private long rows;

        Counter(JobContext context) {
            this.context = context;
        }

        void expect(int tables) {
            tablesTotal = tables;
            context.progress(JobProgress.NONE.withTables(0, tablesTotal));
        }

        Map<String, Long> count(JdbcClient db, List<String> tables) {
            Map<String, Long> counts = new TreeMap<>();
            for (String table : tables) {
                if (context.cancelled()) {
                    throw new JobFailedException("verify.message.cancelled");
                }
                long tableRows = TableQueries.rowCounts(db, List.of(table)).get(table);
                counts.put(table, tableRows);
                rows += tableRows;
                tablesDone++;
                context.progress(new JobProgress(0, 0, rows, tablesDone).withTables(tablesDone, tablesTotal));
            }
            return counts;
        }
    }
}
