package fr.esup.podmigrate.run;

import fr.esup.podmigrate.checklist.ChecklistStore;
import fr.esup.podmigrate.config.DatabaseEndpoint;
import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.config.Workspace;
import fr.esup.podmigrate.importing.Imported;
import fr.esup.podmigrate.job.Job;
import fr.esup.podmigrate.job.JobKind;
import fr.esup.podmigrate.job.JobProgress;
import fr.esup.podmigrate.job.JobResult;
import fr.esup.podmigrate.job.JobStatus;
import fr.esup.podmigrate.job.JobStore;
import fr.esup.podmigrate.job.SucceededJobs;
import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.testsupport.TestServer;
import fr.esup.podmigrate.testsupport.TestWorkspaces;
import fr.esup.podmigrate.v2.V2Side;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run for the steps after the import, on the test server: a workspace of its own, the databases, the import and
 * backup jobs as those steps record them, and the run's stores. Closing it deletes the workspace.
 */
public final class RunFixture implements AutoCloseable {

    private final Path folder;
    public final Workspace workspace;
    public final JobStore jobs;
    public final Databases databases;

    private RunFixture(Path folder, Databases databases) {
        this.folder = folder;
        this.workspace = TestWorkspaces.in(folder);
        this.jobs = new JobStore(workspace);
        this.databases = databases;
    }

    /** A run on {@code target}, with {@code source} as its v2 database when not null. */
    public static RunFixture on(PodTestDatabase target, PodTestDatabase source) {
        try {
            return new RunFixture(Files.createTempDirectory("pm-run-"), new Databases(endpoint(target),
                    Optional.ofNullable(source).map(RunFixture::endpoint), false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A run on these databases. */
    public static RunFixture on(Databases databases) {
        try {
            return new RunFixture(Files.createTempDirectory("pm-run-"), databases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A blank Pod 3.8.4 after {@code statements}, run as the import runs them: foreign key checks off, not strict. */
    public static PodTestDatabase v3After(String... statements) throws SQLException {
        PodTestDatabase target = PodTestDatabase.blank(PodVersion.V3_8_4);
        try {
            List<String> asImported = new ArrayList<>(List.of("SET SESSION foreign_key_checks = 0, sql_mode = ''"));
            asImported.addAll(List.of(statements));
            execute(target, asImported.toArray(String[]::new));
        } catch (SQLException | RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    /** Runs the statements on one connection, in order. */
    public static void execute(PodTestDatabase database, String... statements) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    public static DatabaseEndpoint endpoint(PodTestDatabase database) {
        TestServer server = TestServer.get();
        return new DatabaseEndpoint(server.jdbcUrl(database.name()), server.user(), server.password(), "test");
    }

    public SucceededJobs succeededJobs() {
        return new SucceededJobs(jobs);
    }

    public V2Side v2Side() {
        return new V2Side(databases, succeededJobs(), workspace);
    }

    public ChecklistStore checklist() {
        return new ChecklistStore(workspace);
    }

    /** Writes a podv2.sql into the workspace's import folder; returns its id (its path in the workspace). */
    public String script(String name, String sql) {
        try {
            Files.writeString(workspace.importFolder().resolve(name), sql, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "import/" + name;
    }

    /** Records a finished job of {@code step}, as its step would. */
    public Job job(WizardStep step, JobStatus status, Instant startedAt, JobResult result) {
        Job job = new Job(step.key() + "-" + startedAt.getEpochSecond(), step, JobKind.WORK, "alice", databases.target().toString(),
                status, startedAt, startedAt.plusSeconds(60), JobProgress.NONE, Message.text("done"), result);
        jobs.save(job);
        return job;
    }

    /** Records a finished import of the podv2.sql {@code script} (its id in the workspace), and nothing else. */
    public Job imported(JobStatus status, Instant startedAt, String script, String sourceDatabase) {
        return job(WizardStep.IMPORT, status, startedAt, new Imported(script, sourceDatabase, false, false, Map.of(),
                Map.of(), Map.of(), List.of(), List.of()));
    }

    @Override
    public void close() {
        FileSystemUtils.deleteRecursively(folder.toFile());
    }
}
